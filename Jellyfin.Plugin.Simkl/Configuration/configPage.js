// The Simkl Scrobbler configuration page. The dashboard loads this module through the page's data-controller and
// provides the ApiClient and Dashboard globals. The page talks only to the plugin's own endpoints (/Simkl/...); the
// server polls Simkl during linking, so this page never sees a token.

// How often the page asks the server about a pending code (a host page may shorten it, as the browser test does).
const PIN_POLL_MS = globalThis.SimklPinPollIntervalMs || 3000;

function api(method, path, body) {
    const options = { type: method, url: ApiClient.getUrl(path), dataType: 'json' };
    if (body !== undefined) {
        options.data = JSON.stringify(body);
        options.contentType = 'application/json';
    }
    if (method === 'DELETE' || method === 'PUT') {
        delete options.dataType;
    }
    return ApiClient.fetch(options);
}

// ApiClient.fetch rejects with the Response; turn it into the problem's message a person can read.
async function problemMessage(error, fallback) {
    if (error && typeof error.json === 'function') {
        try {
            const problem = await error.json();
            if (problem.errors) {
                return Object.values(problem.errors).flat().join(' ');
            }
            return problem.detail || problem.title || fallback;
        } catch {
            return fallback;
        }
    }
    return fallback;
}

function formatRemaining(ms) {
    const total = Math.max(0, Math.round(ms / 1000));
    const minutes = Math.floor(total / 60);
    const seconds = total % 60;
    return minutes + ':' + String(seconds).padStart(2, '0');
}

export default function (view) {
    const $ = (id) => view.querySelector('#' + id);
    const state = { users: [], libraries: [], settings: null, userId: null, pinTimer: null, countdownTimer: null };

    function showMessage(text, kind) {
        const box = $('simklMessage');
        box.textContent = text || '';
        box.hidden = !text;
        box.classList.toggle('simklError', kind === 'error');
        box.classList.toggle('simklOk', kind === 'ok');
    }

    function currentUser() {
        return state.users.find((u) => u.userId === state.userId);
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
            input.setAttribute('is', 'emby-checkbox');
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

    function renderUser() {
        const user = currentUser();
        const linkState = $('simklLinkState');
        if (!user) {
            linkState.textContent = 'No users found.';
            return;
        }
        if (user.linkBroken) {
            linkState.textContent = 'Link broken: Simkl no longer accepts this account (access was revoked). Link again to resume tracking; watches made meanwhile are kept and sent then.';
        } else if (user.linked) {
            linkState.textContent = 'Connected as ' + (user.simklUserName || 'a Simkl account') + '.';
        } else {
            linkState.textContent = 'Not linked to Simkl: nothing is tracked for this user.';
        }
        $('simklUnlink').hidden = !user.linked;
        $('simklLink').querySelector('span').textContent = user.linked ? 'Link again' : 'Link with Simkl';

        const options = user.options;
        $('simklTrackingEnabled').checked = options.trackingEnabled;
        $('simklTrackMovies').checked = options.trackMovies;
        $('simklTrackShows').checked = options.trackShows;
        $('simklTrackAnime').checked = options.trackAnime;
        $('simklThreshold').value = options.completionThresholdPercent;
        $('simklExportHistory').checked = options.exportHistory;
        $('simklImportHistory').checked = options.importHistory;
        $('simklFollowMarkPlayed').checked = options.followMarkPlayed;
        $('simklAllowUnmark').checked = options.allowUnmark;
        $('simklMinimumMinutes').value = Math.round(options.minimumDurationSeconds / 60);
        renderLibraries('simklExcludedLibraries', options.excludedLibraryIds);
        renderLibraries('simklAnimeLibraries', options.animeLibraryIds);
        $('simklOptionsErrors').hidden = true;
    }

    async function loadActivity() {
        const body = $('simklActivity');
        body.replaceChildren();
        if (!state.userId) {
            return;
        }
        const entries = await api('GET', 'Simkl/Users/' + state.userId + '/Activity');
        if (entries.length === 0) {
            const row = body.insertRow();
            const cell = row.insertCell();
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

    function describeRun(label, run) {
        if (!run) {
            return label + ': never run.';
        }
        const counts = 'sent ' + run.sent + ', matched ' + run.matched + ', not found ' + run.notFound
            + ', marked played ' + run.markedPlayed + ', skipped ' + run.skipped + ', removed ' + run.removed;
        return label + ' (' + new Date(run.finishedAt).toLocaleString() + '): ' + (run.completed ? '' : 'stopped; ')
            + counts + (run.message ? '. ' + run.message : '.');
    }

    async function loadSync() {
        const list = $('simklSyncRuns');
        list.replaceChildren();
        if (!state.userId) {
            return;
        }
        let status;
        try {
            status = await api('GET', 'Simkl/Users/' + state.userId + '/Sync');
        } catch (error) {
            $('simklSyncResult').textContent = await problemMessage(error, 'The history sync status could not be read.');
            return;
        }
        for (const line of [
            describeRun('Last export', status.lastExport),
            describeRun('Last import', status.lastImport),
            describeRun('Last "Mark played"', status.lastFollow)]) {
            const item = document.createElement('li');
            item.textContent = line;
            list.appendChild(item);
        }
    }

    async function runSync(path, describe) {
        const result = $('simklSyncResult');
        if (!state.userId) {
            return;
        }
        result.textContent = 'Working…';
        try {
            const run = await api('POST', 'Simkl/Users/' + state.userId + '/Sync/' + path);
            result.textContent = describe(run);
            await loadSync();
            await loadActivity();
        } catch (error) {
            result.textContent = await problemMessage(error, 'History sync failed.');
        }
    }

    async function loadUsers() {
        state.users = await api('GET', 'Simkl/Users');
        const select = $('simklUser');
        select.replaceChildren();
        for (const user of state.users) {
            const option = document.createElement('option');
            option.value = user.userId;
            option.textContent = user.userName + (user.linkBroken ? ' (link broken)' : user.linked ? ' (linked)' : '');
            select.append(option);
        }
        if (!state.users.some((u) => u.userId === state.userId)) {
            state.userId = state.users.length > 0 ? state.users[0].userId : null;
        }
        select.value = state.userId || '';
        renderUser();
        await loadActivity();
        await loadSync();
    }

    async function loadSettings() {
        state.settings = await api('GET', 'Simkl/Settings');
        $('simklClientId').value = state.settings.clientId;
        $('simklBaseUrl').value = state.settings.simklApiBaseUrl;
        $('simklDiagnostics').value = state.settings.diagnostics;
        $('simklSelfServiceEnabled').checked = state.settings.selfServiceEnabled;
        if (!state.settings.hasClientId) {
            showMessage('No Simkl client id is set, so users cannot be linked yet. Create an app at simkl.com/settings/developer and paste its client id under "Simkl app" below.', 'error');
        }
    }

    function showSelfServiceAddress() {
        // The same server the dashboard talks to, so the address works wherever the administrator reached it.
        const address = new URL(ApiClient.getUrl('Simkl/Me'), window.location.href).href;
        $('simklSelfServiceUrl').value = address;
        $('simklOpenSelfService').href = address;
    }

    async function copySelfServiceAddress() {
        const input = $('simklSelfServiceUrl');
        try {
            await navigator.clipboard.writeText(input.value);
        } catch {
            // The clipboard API needs https; on plain http, copy the selected text the old way.
            input.select();
            document.execCommand('copy');
        }
        showMessage('The address is copied: send it to your users.', 'ok');
    }

    async function saveSelfService() {
        const enabled = $('simklSelfServiceEnabled').checked;
        try {
            await api('PUT', 'Simkl/Settings', {
                clientId: state.settings.clientId,
                simklApiBaseUrl: state.settings.simklApiBaseUrl,
                diagnostics: state.settings.diagnostics,
                selfServiceEnabled: enabled
            });
            state.settings.selfServiceEnabled = enabled;
            showMessage(enabled ? 'Users can now link their own Simkl account.' : 'The self-service page is off: only you can link users.', 'ok');
        } catch (error) {
            $('simklSelfServiceEnabled').checked = !enabled;
            showMessage(await problemMessage(error, 'The setting could not be saved.'), 'error');
        }
    }

    async function load() {
        showSelfServiceAddress();
        Dashboard.showLoadingMsg();
        try {
            state.libraries = await api('GET', 'Simkl/Libraries');
            await loadSettings();
            await loadUsers();
        } catch (error) {
            showMessage(await problemMessage(error, 'The Simkl settings could not be loaded.'), 'error');
        } finally {
            Dashboard.hideLoadingMsg();
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

    async function pollPin(userId) {
        if (state.userId !== userId) {
            return;
        }
        let status;
        try {
            status = await api('GET', 'Simkl/Users/' + userId + '/Pin');
        } catch (error) {
            stopPinPolling();
            showMessage(await problemMessage(error, 'Linking could not be followed.'), 'error');
            return;
        }
        if (status.state === 'pending') {
            showMessage(status.message || '', status.message ? 'error' : undefined);
            state.pinTimer = setTimeout(() => pollPin(userId), PIN_POLL_MS);
            return;
        }
        stopPinPolling();
        if (status.state === 'linked') {
            showMessage('Connected as ' + (status.simklUserName || 'a Simkl account') + '.', 'ok');
        } else if (status.state === 'expired') {
            showMessage(status.message || 'The code expired. Press "Link with Simkl" for a new one.', 'error');
        } else {
            showMessage(status.message || 'Linking failed.', 'error');
        }
        await loadUsers();
    }

    async function startLink() {
        const userId = state.userId;
        if (!userId) {
            return;
        }
        stopPinPolling();
        showMessage('');
        try {
            const pin = await api('POST', 'Simkl/Users/' + userId + '/Pin');
            showPin(pin);
            state.pinTimer = setTimeout(() => pollPin(userId), PIN_POLL_MS);
        } catch (error) {
            showMessage(await problemMessage(error, 'Simkl cannot be reached right now. Try again in a few minutes.'), 'error');
        }
    }

    async function unlink() {
        const user = currentUser();
        if (!user) {
            return;
        }
        stopPinPolling();
        try {
            await api('DELETE', 'Simkl/Users/' + user.userId + '/Link');
            showMessage(user.userName + ' is no longer linked to Simkl.', 'ok');
            await loadUsers();
        } catch (error) {
            showMessage(await problemMessage(error, 'Unlinking failed.'), 'error');
        }
    }

    async function saveOptions(event) {
        event.preventDefault();
        const user = currentUser();
        if (!user) {
            return false;
        }
        const options = {
            // Options this page does not show go back as they came, so saving here never resets them.
            ...user.options,
            trackingEnabled: $('simklTrackingEnabled').checked,
            trackMovies: $('simklTrackMovies').checked,
            trackShows: $('simklTrackShows').checked,
            trackAnime: $('simklTrackAnime').checked,
            excludedLibraryIds: checkedLibraries('simklExcludedLibraries'),
            animeLibraryIds: checkedLibraries('simklAnimeLibraries'),
            minimumDurationSeconds: Math.round(Number($('simklMinimumMinutes').value || 0) * 60),
            completionThresholdPercent: Math.round(Number($('simklThreshold').value)),
            exportHistory: $('simklExportHistory').checked,
            importHistory: $('simklImportHistory').checked,
            followMarkPlayed: $('simklFollowMarkPlayed').checked,
            allowUnmark: $('simklAllowUnmark').checked
        };
        const errors = $('simklOptionsErrors');
        Dashboard.showLoadingMsg();
        try {
            await api('PUT', 'Simkl/Users/' + user.userId + '/Options', options);
            errors.hidden = true;
            showMessage('Options saved for ' + user.userName + '.', 'ok');
            await loadUsers();
        } catch (error) {
            errors.textContent = await problemMessage(error, 'The options could not be saved.');
            errors.hidden = false;
        } finally {
            Dashboard.hideLoadingMsg();
        }
        return false;
    }

    async function saveSettings(event) {
        event.preventDefault();
        const errors = $('simklSettingsErrors');
        Dashboard.showLoadingMsg();
        try {
            await api('PUT', 'Simkl/Settings', {
                clientId: $('simklClientId').value.trim(),
                simklApiBaseUrl: $('simklBaseUrl').value.trim(),
                diagnostics: $('simklDiagnostics').value
            });
            errors.hidden = true;
            showMessage('');
            await loadSettings();
            if (state.settings.hasClientId) {
                showMessage('Settings saved.', 'ok');
            }
        } catch (error) {
            errors.textContent = await problemMessage(error, 'The settings could not be saved.');
            errors.hidden = false;
        } finally {
            Dashboard.hideLoadingMsg();
        }
        return false;
    }

    $('simklUser').addEventListener('change', async (event) => {
        stopPinPolling();
        showMessage('');
        state.userId = event.target.value;
        renderUser();
        $('simklSyncResult').textContent = '';
        await loadActivity();
        await loadSync();
    });
    $('simklSyncPreview').addEventListener('click', () => runSync('Export?preview=true',
        (run) => 'An export would send ' + run.sent + ' watches; ' + run.notFound + ' items have no id Simkl knows.'));
    $('simklSyncExport').addEventListener('click', () => runSync('Export', (run) => describeRun('Export', run)));
    $('simklSyncImport').addEventListener('click', () => runSync('Import', (run) => describeRun('Import', run)));
    $('simklLink').addEventListener('click', startLink);
    $('simklUnlink').addEventListener('click', unlink);
    $('simklOptionsForm').addEventListener('submit', saveOptions);
    $('simklSettingsForm').addEventListener('submit', saveSettings);
    $('simklSelfServiceEnabled').addEventListener('change', saveSelfService);
    $('simklCopySelfServiceUrl').addEventListener('click', copySelfServiceAddress);

    view.addEventListener('viewshow', load);
    view.addEventListener('viewhide', stopPinPolling);
}
