// The Simkl self-service page: a signed-in Jellyfin user links their own Simkl account, sets their own options and
// sees their own activity. It talks only to this Jellyfin server: Jellyfin's own sign-in, and the plugin's
// /Simkl/Me/... endpoints, which act on whoever the Jellyfin session belongs to. The server polls Simkl during
// linking, so this page never sees a Simkl token.

const root = document.getElementById('simklSelfService');
const base = root.dataset.base || '';
// The Jellyfin session this page opened itself (when the web client had none): kept for this tab only.
const SESSION_KEY = 'simkl-self-service-session';
// How often the page asks the server about a pending code (a test may shorten it).
const PIN_POLL_MS = globalThis.SimklPinPollIntervalMs || 3000;
const $ = (id) => document.getElementById(id);
const state = { token: null, ownSession: false, status: null, libraries: [], pinTimer: null, countdownTimer: null };

function authorization(token) {
    // Token only: the web client's device keeps its own name and version on the server.
    return 'MediaBrowser Token="' + encodeURIComponent(token) + '"';
}

async function api(method, path, body) {
    const headers = { Authorization: authorization(state.token) };
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(base + '/Simkl/Me/' + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store'
    });
    if (!response.ok) {
        throw response;
    }
    return response.status === 204 ? null : response.json();
}

async function readProblem(error) {
    if (error && typeof error.json === 'function') {
        try {
            return await error.json();
        } catch {
            return {};
        }
    }
    return {};
}

async function problemMessage(error, fallback) {
    const problem = await readProblem(error);
    if (problem.errors) {
        return Object.values(problem.errors).flat().join(' ');
    }
    return problem.detail || problem.title || fallback;
}

function showMessage(text, kind) {
    const box = $('simklMessage');
    box.textContent = text || '';
    box.hidden = !text;
    box.classList.toggle('simklError', kind === 'error');
    box.classList.toggle('simklOk', kind === 'ok');
}

function randomHex(bytes) {
    // crypto.randomUUID needs a secure context; a Jellyfin server on a LAN address is often plain http.
    return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function sameId(a, b) {
    const plain = (id) => String(id || '').replace(/-/g, '').toLowerCase();
    return plain(a) !== '' && plain(a) === plain(b);
}

// The web client on this server keeps its sign-in in localStorage (jellyfin_credentials: { Servers: [{ Id,
// AccessToken, UserId, ... }] }). Only the entry of this very server is used, found by the server's id.
async function webClientToken() {
    let stored;
    try {
        stored = JSON.parse(localStorage.getItem('jellyfin_credentials') || '{}');
    } catch {
        return null;
    }
    const servers = Array.isArray(stored && stored.Servers) ? stored.Servers.filter((s) => s && s.Id && s.AccessToken) : [];
    if (servers.length === 0) {
        return null;
    }
    try {
        const response = await fetch(base + '/System/Info/Public', { credentials: 'omit', cache: 'no-store' });
        const info = await response.json();
        const server = servers.find((s) => sameId(s.Id, info.Id));
        return server ? server.AccessToken : null;
    } catch {
        return null;
    }
}

function ownSessionToken() {
    try {
        const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
        return session && typeof session.token === 'string' ? session.token : null;
    } catch {
        return null;
    }
}

function show(part) {
    $('simklOff').hidden = part !== 'off';
    $('simklSignIn').hidden = part !== 'signIn';
    $('simklAccount').hidden = part !== 'account';
}

function showSignIn(text) {
    stopPinPolling();
    state.token = null;
    state.status = null;
    show('signIn');
    const error = $('simklSignInError');
    error.textContent = text || '';
    error.hidden = !text;
    $('simklUserName').focus();
}

function showOff() {
    stopPinPolling();
    showMessage('');
    show('off');
}

async function signIn(event) {
    event.preventDefault();
    const error = $('simklSignInError');
    const button = $('simklSignIn').querySelector('button[type=submit]');
    const deviceId = 'simkl-' + randomHex(16);
    button.disabled = true;
    try {
        const response = await fetch(base + '/Users/AuthenticateByName', {
            method: 'POST',
            credentials: 'omit',
            cache: 'no-store',
            headers: {
                'Content-Type': 'application/json',
                Authorization: 'MediaBrowser Client="Simkl self-service page", Device="Web browser", DeviceId="' + deviceId + '", Version="1.0.0"'
            },
            body: JSON.stringify({ Username: $('simklUserName').value.trim(), Pw: $('simklPassword').value })
        });
        if (response.status === 401 || response.status === 403) {
            error.textContent = 'Jellyfin did not accept this user name and password.';
            error.hidden = false;
            return;
        }
        if (!response.ok) {
            error.textContent = 'Jellyfin could not sign you in right now (HTTP ' + response.status + '). Try again in a moment.';
            error.hidden = false;
            return;
        }
        const result = await response.json();
        state.token = result.AccessToken;
        state.ownSession = true;
        sessionStorage.setItem(SESSION_KEY, JSON.stringify({ token: result.AccessToken }));
        $('simklPassword').value = '';
        error.hidden = true;
        await loadAccount();
    } catch {
        error.textContent = 'This Jellyfin server cannot be reached. Check your connection and try again.';
        error.hidden = false;
    } finally {
        button.disabled = false;
    }
}

async function signOut() {
    const token = state.token;
    sessionStorage.removeItem(SESSION_KEY);
    state.ownSession = false;
    showMessage('');
    showSignIn();
    try {
        // Ends the Jellyfin session this page opened; the web client's own session is never ended here.
        await fetch(base + '/Sessions/Logout', { method: 'POST', credentials: 'omit', headers: { Authorization: authorization(token) } });
    } catch {
        // Signed out on this page either way.
    }
}

function formatRemaining(ms) {
    const total = Math.max(0, Math.round(ms / 1000));
    return Math.floor(total / 60) + ':' + String(total % 60).padStart(2, '0');
}

function stopPinPolling() {
    clearTimeout(state.pinTimer);
    clearInterval(state.countdownTimer);
    state.pinTimer = null;
    state.countdownTimer = null;
    $('simklPin').hidden = true;
}

function renderLibraries(containerId, selected) {
    const container = $(containerId);
    container.replaceChildren();
    for (const library of state.libraries) {
        const wrapper = document.createElement('div');
        wrapper.className = 'checkboxContainer';
        const label = document.createElement('label');
        const input = document.createElement('input');
        input.type = 'checkbox';
        input.value = library.id;
        input.checked = selected.includes(library.id);
        const span = document.createElement('span');
        span.textContent = library.name;
        label.append(input, span);
        wrapper.append(label);
        container.append(wrapper);
    }
}

function checkedLibraries(containerId) {
    return Array.from($(containerId).querySelectorAll('input:checked')).map((input) => input.value);
}

function renderStatus() {
    const status = state.status;
    $('simklWho').textContent = 'Signed in to Jellyfin as ' + status.userName + (state.ownSession ? '.' : ' (your Jellyfin session in this browser).');
    $('simklSignOut').hidden = !state.ownSession;
    const linkState = $('simklLinkState');
    if (status.linkBroken) {
        linkState.textContent = 'Link broken: Simkl no longer accepts your account (access was revoked). Link again to resume tracking; what you watched meanwhile is kept and sent then.';
    } else if (status.linked) {
        linkState.textContent = 'Connected as ' + (status.simklUserName || 'a Simkl account') + '.';
    } else {
        linkState.textContent = 'Not linked to Simkl: nothing you watch is recorded there yet.';
    }
    $('simklUnlink').hidden = !status.linked;
    $('simklLink').querySelector('span').textContent = status.linked ? 'Link again' : 'Link with Simkl';
    $('simklLink').disabled = !status.hasClientId;
    if (!status.hasClientId) {
        showMessage('Linking is not possible yet: the administrator has not set up the Simkl app on this server.', 'error');
    }

    const options = status.options;
    $('simklTrackingEnabled').checked = options.trackingEnabled;
    $('simklTrackMovies').checked = options.trackMovies;
    $('simklTrackShows').checked = options.trackShows;
    $('simklTrackAnime').checked = options.trackAnime;
    $('simklThreshold').value = options.completionThresholdPercent;
    $('simklMinimumMinutes').value = Math.round(options.minimumDurationSeconds / 60);
    renderLibraries('simklExcludedLibraries', options.excludedLibraryIds);
    renderLibraries('simklAnimeLibraries', options.animeLibraryIds);
}

async function loadActivity() {
    const body = $('simklActivity');
    const entries = await api('GET', 'Activity');
    body.replaceChildren();
    if (entries.length === 0) {
        const cell = body.insertRow().insertCell();
        cell.colSpan = 4;
        cell.textContent = 'Nothing yet.';
        return;
    }
    for (const entry of entries) {
        const row = body.insertRow();
        row.insertCell().textContent = new Date(entry.time).toLocaleString();
        row.insertCell().textContent = entry.item;
        row.insertCell().textContent = entry.actionText;
        row.insertCell().textContent = entry.outcomeText + (entry.reason ? ': ' + entry.reason : '');
    }
}

// Handles a refused call: the session ended (401), the page was turned off or the caller is no user (403).
async function handleRefusal(error) {
    if (error && error.status === 401) {
        if (state.ownSession) {
            sessionStorage.removeItem(SESSION_KEY);
            state.ownSession = false;
        }
        showSignIn('Your Jellyfin session has ended. Sign in again.');
        return true;
    }
    if (error && error.status === 403) {
        const problem = await readProblem(error);
        if (problem.title === 'Self-service linking is off') {
            showOff();
        } else {
            showSignIn(problem.detail || 'Sign in as a Jellyfin user.');
        }
        return true;
    }
    return false;
}

async function loadAccount() {
    try {
        state.status = await api('GET', 'Status');
        state.libraries = await api('GET', 'Libraries');
        show('account');
        renderStatus();
        $('simklOptionsErrors').hidden = true;
        await loadActivity();
    } catch (error) {
        if (!(await handleRefusal(error))) {
            showMessage(await problemMessage(error, 'Your Simkl settings could not be loaded. Try again in a moment.'), 'error');
        }
    }
}

function showPin(pin) {
    $('simklPin').hidden = false;
    $('simklCode').textContent = pin.userCode;
    const link = $('simklVerificationUrl');
    link.href = pin.verificationUrl;
    link.textContent = pin.verificationUrl.replace(/^https?:\/\//, '').replace(/\/$/, '');
    // Counted from the server's "expires in", not its clock: the browser's clock may differ.
    const expiresAt = Date.now() + pin.expiresInSeconds * 1000;
    const tick = () => { $('simklCountdown').textContent = formatRemaining(expiresAt - Date.now()); };
    tick();
    clearInterval(state.countdownTimer);
    state.countdownTimer = setInterval(tick, 1000);
}

async function pollPin() {
    let status;
    try {
        status = await api('GET', 'Pin');
    } catch (error) {
        stopPinPolling();
        if (!(await handleRefusal(error))) {
            showMessage(await problemMessage(error, 'Linking could not be followed.'), 'error');
        }
        return;
    }
    if (status.state === 'pending') {
        showMessage(status.message || '', status.message ? 'error' : undefined);
        state.pinTimer = setTimeout(pollPin, PIN_POLL_MS);
        return;
    }
    stopPinPolling();
    if (status.state === 'linked') {
        showMessage('Connected as ' + (status.simklUserName || 'a Simkl account') + '. What you watch is now recorded on Simkl.', 'ok');
    } else if (status.state === 'expired') {
        showMessage(status.message || 'The code expired. Press "Link with Simkl" for a new one.', 'error');
    } else {
        showMessage(status.message || 'Linking failed.', 'error');
    }
    await loadAccount();
}

async function startLink() {
    stopPinPolling();
    showMessage('');
    try {
        showPin(await api('POST', 'Pin'));
        state.pinTimer = setTimeout(pollPin, PIN_POLL_MS);
    } catch (error) {
        if (!(await handleRefusal(error))) {
            showMessage(await problemMessage(error, 'Simkl cannot be reached right now. Try again in a few minutes.'), 'error');
        }
    }
}

async function unlink() {
    stopPinPolling();
    try {
        await api('DELETE', 'Link');
        showMessage('Your Simkl account is no longer linked; nothing more is sent to Simkl.', 'ok');
        await loadAccount();
    } catch (error) {
        if (!(await handleRefusal(error))) {
            showMessage(await problemMessage(error, 'Unlinking failed.'), 'error');
        }
    }
}

async function saveOptions(event) {
    event.preventDefault();
    const errors = $('simklOptionsErrors');
    try {
        await api('PUT', 'Options', {
            // Options this page does not show yet (history sync, say) go back as they came.
            ...state.status.options,
            trackingEnabled: $('simklTrackingEnabled').checked,
            trackMovies: $('simklTrackMovies').checked,
            trackShows: $('simklTrackShows').checked,
            trackAnime: $('simklTrackAnime').checked,
            excludedLibraryIds: checkedLibraries('simklExcludedLibraries'),
            animeLibraryIds: checkedLibraries('simklAnimeLibraries'),
            minimumDurationSeconds: Math.round(Number($('simklMinimumMinutes').value || 0) * 60),
            completionThresholdPercent: Math.round(Number($('simklThreshold').value))
        });
        errors.hidden = true;
        showMessage('Your options are saved.', 'ok');
        await loadAccount();
    } catch (error) {
        if (!(await handleRefusal(error))) {
            errors.textContent = await problemMessage(error, 'Your options could not be saved.');
            errors.hidden = false;
        }
    }
}

async function start() {
    $('simklSignIn').addEventListener('submit', signIn);
    $('simklLink').addEventListener('click', startLink);
    $('simklUnlink').addEventListener('click', unlink);
    $('simklSignOut').addEventListener('click', signOut);
    $('simklOptionsForm').addEventListener('submit', saveOptions);
    if (root.dataset.enabled !== 'true') {
        showOff();
    } else {
        const own = ownSessionToken();
        state.ownSession = own !== null;
        state.token = own || await webClientToken();
        if (state.token) {
            await loadAccount();
        } else {
            showSignIn();
        }
    }
    root.dataset.ready = 'true';
}

start();
