// The Simkl self-service page: a signed-in Jellyfin user links their own Simkl account, sets their own options and
// sees their own activity. It talks only to this Jellyfin server: Jellyfin's own sign-in, and the plugin's
// /Simkl/Me/... endpoints, which act on whoever the Jellyfin session belongs to. The server polls Simkl during
// linking, so this page never sees a Simkl token.

import { showMessageIn, readProblem, problemMessage, pinLink, showTrackingOptions, readTrackingOptions, renderActivity } from './userPanel.js';

const root = document.getElementById('simklSelfService');
const base = root.dataset.base || '';
// The Jellyfin session this page opened itself (when the web client had none): kept for this tab only.
const SESSION_KEY = 'simkl-self-service-session';
const $ = (id) => document.getElementById(id);
const state = { token: null, ownSession: false, status: null, libraries: [] };

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

function showMessage(text, kind) {
    showMessageIn($('simklMessage'), text, kind);
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
    pin.stop();
    state.token = null;
    state.status = null;
    show('signIn');
    const error = $('simklSignInError');
    error.textContent = text || '';
    error.hidden = !text;
    $('simklUserName').focus();
}

function showOff() {
    pin.stop();
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

    showTrackingOptions($, status.options, state.libraries);
}

async function loadActivity() {
    renderActivity($('simklActivity'), await api('GET', 'Activity'));
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

async function showProblem(error, fallback) {
    if (!(await handleRefusal(error))) {
        showMessage(await problemMessage(error, fallback), 'error');
    }
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
        await showProblem(error, 'Your Simkl settings could not be loaded. Try again in a moment.');
    }
}

const pin = pinLink({
    $,
    request: api,
    say: showMessage,
    sayProblem: showProblem,
    linkedText: (status) => 'Connected as ' + (status.simklUserName || 'a Simkl account') + '. What you watch is now recorded on Simkl.',
    done: () => loadAccount()
});

async function unlink() {
    pin.stop();
    try {
        await api('DELETE', 'Link');
        showMessage('Your Simkl account is no longer linked; nothing more is sent to Simkl.', 'ok');
        await loadAccount();
    } catch (error) {
        await showProblem(error, 'Unlinking failed.');
    }
}

async function saveOptions(event) {
    event.preventDefault();
    const errors = $('simklOptionsErrors');
    try {
        await api('PUT', 'Options', readTrackingOptions($, state.status.options));
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
    $('simklLink').addEventListener('click', () => pin.start('Pin'));
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
