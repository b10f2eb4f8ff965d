// The Simkl Scrobbler configuration page. The dashboard loads this module through the page's data-controller and
// provides the ApiClient and Dashboard globals. The page talks only to the plugin's own endpoints (/Simkl/...); the
// server polls Simkl during linking, so this page never sees a token.

// What this page shares with the self-service page. The dashboard loads this module from its configurationpage
// address, where a relative import finds nothing of the plugin's, so it comes from the plugin's own route. Awaited
// here at the top: the dashboard constructs the controller below with new and shows the page right after, so the
// controller itself cannot wait for it.
const { showMessageIn, problemMessage, pinLink, showTrackingOptions, readTrackingOptions, renderActivity } =
    await import(ApiClient.getUrl('Simkl/Me/userPanel.js'));

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

export default function (view) {
    const $ = (id) => view.querySelector('#' + id);
    const state = { users: [], libraries: [], settings: null, userId: null };

    function showMessage(text, kind) {
        showMessageIn($('simklMessage'), text, kind);
    }

    async function showProblem(error, fallback) {
        showMessage(await problemMessage(error, fallback), 'error');
    }

    function currentUser() {
        return state.users.find((u) => u.userId === state.userId);
    }

    const pin = pinLink({
        $,
        request: api,
        say: showMessage,
        sayProblem: showProblem,
        linkedText: (status) => 'Connected as ' + (status.simklUserName || 'a Simkl account') + '.',
        done: () => loadUsers()
    });

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
        showTrackingOptions($, options, state.libraries, 'emby-checkbox');
        $('simklExportHistory').checked = options.exportHistory;
        $('simklImportHistory').checked = options.importHistory;
        $('simklFollowMarkPlayed').checked = options.followMarkPlayed;
        $('simklAllowUnmark').checked = options.allowUnmark;
        $('simklOptionsErrors').hidden = true;
    }

    async function loadActivity() {
        const body = $('simklActivity');
        body.replaceChildren();
        if (!state.userId) {
            return;
        }
        renderActivity(body, await api('GET', 'Simkl/Users/' + state.userId + '/Activity'));
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
            await showProblem(error, 'The setting could not be saved.');
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
            await showProblem(error, 'The Simkl settings could not be loaded.');
        } finally {
            Dashboard.hideLoadingMsg();
        }
    }

    async function startLink() {
        const userId = state.userId;
        if (!userId) {
            return;
        }
        await pin.start('Simkl/Users/' + userId + '/Pin');
    }

    async function unlink() {
        const user = currentUser();
        if (!user) {
            return;
        }
        pin.stop();
        try {
            await api('DELETE', 'Simkl/Users/' + user.userId + '/Link');
            showMessage(user.userName + ' is no longer linked to Simkl.', 'ok');
            await loadUsers();
        } catch (error) {
            await showProblem(error, 'Unlinking failed.');
        }
    }

    async function saveOptions(event) {
        event.preventDefault();
        const user = currentUser();
        if (!user) {
            return false;
        }
        const options = {
            ...readTrackingOptions($, user.options),
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
        pin.stop();
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
    view.addEventListener('viewhide', pin.stop);
}
