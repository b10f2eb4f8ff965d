// The configuration page's controller module; the dashboard loads it through data-controller.
// Every Simkl call happens on the server: this page only talks to the plugin's own endpoints (/Simkl/...).
const pluginId = '07fcac60-2254-466d-9880-3ba5ed8b9def';
const pinPollMilliseconds = 2000;
const unreachableMessage = 'The Jellyfin server did not answer. Check that it is running, then reload this page.';

export default function (view) {
    const $ = (selector) => view.querySelector(selector);
    const state = { users: [], libraries: [], userId: null, pinTimer: null, countdownTimer: null, deadline: 0 };

    function api(method, path, body) {
        const request = { type: method, url: ApiClient.getUrl(path) };
        if (method === 'GET' || method === 'POST' && body === undefined || method === 'PUT') {
            request.dataType = 'json';
        }
        if (body !== undefined) {
            request.data = JSON.stringify(body);
            request.contentType = 'application/json';
            request.dataType = 'json';
        }
        return ApiClient.fetch(request);
    }

    // ApiClient.fetch rejects with the Response for an HTTP error, or with an Error when nothing answered.
    async function problemOf(error) {
        if (error && typeof error.json === 'function') {
            try {
                const problem = await error.json();
                return { status: error.status, code: problem.code, message: problem.detail || problem.title, errors: problem.errors };
            } catch {
                return { status: error.status, message: 'The server answered with HTTP ' + error.status + '.' };
            }
        }
        return { status: 0, code: 'serverUnreachable', message: unreachableMessage };
    }

    function show(element, text, kind) {
        element.textContent = text || '';
        element.hidden = !text;
        element.classList.toggle('simklError', kind === 'error');
        element.classList.toggle('simklSuccess', kind === 'success');
    }

    function selectedUser() {
        return state.users.find((u) => u.userId === state.userId);
    }

    function stopPin() {
        clearTimeout(state.pinTimer);
        clearInterval(state.countdownTimer);
        state.pinTimer = null;
        state.countdownTimer = null;
        $('.simklPinPanel').hidden = true;
    }

    function formatTime(value) {
        return value ? new Date(value).toLocaleString() : '';
    }

    function describeOutcome(outcome) {
        return {
            succeeded: 'Sent', alreadyRecorded: 'Already on Simkl', deferred: 'Waiting (Simkl unreachable)', notFound: 'Not found on Simkl',
            skipped: 'Not tracked', linkBroken: 'Link broken', failed: 'Failed'
        }[outcome] || outcome;
    }

    function renderLinkState(user) {
        const linkState = $('.simklLinkState');
        const message = $('.simklLinkMessage');
        $('.simklUnlinkButton').hidden = !user.linked;
        $('.simklLinkButton span').textContent = user.linked ? 'Link again' : 'Link with Simkl';
        if (!user.linked) {
            linkState.textContent = user.userName + ' is not linked to Simkl.';
            show(message, '');
        } else if (user.linkBroken) {
            linkState.textContent = 'Was connected as ' + (user.simklUserName || 'a Simkl account') + '.';
            show(message, 'Link broken: Simkl no longer accepts this user\'s access (it was revoked on Simkl, or expired). Nothing is sent for ' + user.userName + ' until you link again.', 'error');
        } else {
            linkState.textContent = 'Connected as ' + (user.simklUserName || 'a Simkl account') + '.';
            show(message, '');
        }
    }

    function renderLibraries(container, name, selected) {
        container.innerHTML = '';
        if (state.libraries.length === 0) {
            container.textContent = 'No libraries.';
            return;
        }
        for (const library of state.libraries) {
            const label = document.createElement('label');
            label.className = 'checkboxContainer';
            const input = document.createElement('input');
            input.type = 'checkbox';
            input.setAttribute('is', 'emby-checkbox');
            input.name = name;
            input.value = library.id;
            input.checked = selected.includes(library.id);
            const span = document.createElement('span');
            span.textContent = library.name;
            label.append(input, span);
            container.append(label);
        }
    }

    function renderOptions(options) {
        const form = $('.simklOptionsForm');
        for (const name of ['trackingEnabled', 'trackMovies', 'trackShows', 'trackAnime']) {
            form.querySelector('[name="' + name + '"]').checked = options[name];
        }
        form.querySelector('[name="completionThresholdPercent"]').value = options.completionThresholdPercent;
        form.querySelector('[name="minimumDurationSeconds"]').value = options.minimumDurationSeconds;
        renderLibraries($('.simklExcludedLibraries'), 'excludedLibraryIds', options.excludedLibraryIds);
        renderLibraries($('.simklAnimeLibraries'), 'animeLibraryIds', options.animeLibraryIds);
        show($('.simklOptionsMessage'), '');
    }

    async function renderActivity(user) {
        $('.simklLastScrobble').textContent = user.lastScrobbleAt
            ? 'Last scrobble: ' + formatTime(user.lastScrobbleAt) + ', ' + (user.lastScrobbleItem || '') + ' (' + describeOutcome(user.lastScrobbleOutcome) + ')'
            : '';
        const body = $('.simklActivity tbody');
        body.innerHTML = '';
        let entries = [];
        try {
            entries = await api('GET', 'Simkl/Users/' + user.userId + '/Activity');
        } catch (error) {
            show($('.simklLinkMessage'), (await problemOf(error)).message, 'error');
        }
        for (const entry of entries) {
            const row = document.createElement('tr');
            for (const text of [formatTime(entry.time), entry.item, entry.action, describeOutcome(entry.outcome) + (entry.reason ? ': ' + entry.reason : '')]) {
                const cell = document.createElement('td');
                cell.textContent = text;
                row.append(cell);
            }
            body.append(row);
        }
        $('.simklNoActivity').hidden = entries.length > 0;
    }

    function renderUser() {
        const user = selectedUser();
        $('.simklUserPanel').hidden = !user;
        if (!user) {
            return;
        }
        renderLinkState(user);
        renderOptions(user.options);
        renderActivity(user);
    }

    async function loadUsers() {
        const users = await api('GET', 'Simkl/Users');
        state.users = users;
        const picker = $('.simklUser');
        picker.innerHTML = '';
        for (const user of users) {
            const option = document.createElement('option');
            option.value = user.userId;
            option.textContent = user.userName + (user.linked ? (user.linkBroken ? ' (link broken)' : ' (linked)') : '');
            picker.append(option);
        }
        if (!users.some((u) => u.userId === state.userId)) {
            state.userId = users.length > 0 ? users[0].userId : null;
        }
        picker.value = state.userId || '';
        renderUser();
    }

    async function loadStatus() {
        const status = await api('GET', 'Simkl/Status');
        state.libraries = status.libraries;
        $('.simklNoClientId').hidden = status.clientIdSet;
    }

    async function loadSettings() {
        const config = await ApiClient.getPluginConfiguration(pluginId);
        const form = $('.simklSettingsForm');
        form.querySelector('[name="ClientId"]').value = config.ClientId || '';
        form.querySelector('[name="SimklApiBaseUrl"]').value = config.SimklApiBaseUrl || 'https://api.simkl.com';
        form.querySelector('[name="Diagnostics"]').value = config.Diagnostics === 1 || config.Diagnostics === 'Verbose' ? 'Verbose' : 'Normal';
    }

    async function load() {
        Dashboard.showLoadingMsg();
        try {
            await Promise.all([loadStatus(), loadSettings()]);
            await loadUsers();
        } catch (error) {
            show($('.simklLinkMessage'), (await problemOf(error)).message, 'error');
            $('.simklUserPanel').hidden = false;
        } finally {
            Dashboard.hideLoadingMsg();
        }
    }

    function tickCountdown() {
        const left = Math.max(0, Math.round((state.deadline - Date.now()) / 1000));
        $('.simklCountdown').textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
    }

    async function pollPin(userId) {
        if (userId !== state.userId) {
            return;
        }
        let pin;
        try {
            pin = await api('GET', 'Simkl/Users/' + userId + '/Pin');
        } catch (error) {
            const problem = await problemOf(error);
            stopPin();
            show($('.simklLinkMessage'), problem.message, 'error');
            return;
        }
        if (pin.state === 'pending') {
            show($('.simklLinkMessage'), pin.message || '');
            state.pinTimer = setTimeout(() => pollPin(userId), pinPollMilliseconds);
            return;
        }
        stopPin();
        if (pin.state === 'linked') {
            await loadUsers();
            show($('.simklLinkMessage'), 'Connected as ' + (pin.simklUserName || 'a Simkl account') + '.', 'success');
        } else if (pin.state === 'expired') {
            show($('.simklLinkMessage'), 'Code expired: it was not entered in time. Press "Link with Simkl" for a new one.', 'error');
        } else {
            show($('.simklLinkMessage'), pin.message || 'Linking failed.', 'error');
        }
    }

    async function startLink() {
        const userId = state.userId;
        stopPin();
        show($('.simklLinkMessage'), '');
        let pin;
        try {
            pin = await api('POST', 'Simkl/Users/' + userId + '/Pin');
        } catch (error) {
            const problem = await problemOf(error);
            if (problem.code === 'noClientId') {
                $('.simklNoClientId').hidden = false;
            }
            const prefix = problem.code === 'unreachable' ? 'Simkl unreachable: ' : '';
            show($('.simklLinkMessage'), prefix + problem.message, 'error');
            return;
        }
        $('.simklPinCode').textContent = pin.userCode;
        const link = $('.simklVerificationLink');
        link.href = pin.verificationUrl;
        link.textContent = pin.verificationUrl.replace(/^https?:\/\//, '').replace(/\/$/, '');
        state.deadline = Date.now() + pin.expiresInSeconds * 1000;
        tickCountdown();
        state.countdownTimer = setInterval(tickCountdown, 1000);
        $('.simklPinPanel').hidden = false;
        state.pinTimer = setTimeout(() => pollPin(userId), pinPollMilliseconds);
    }

    async function unlink() {
        const user = selectedUser();
        if (!user || !window.confirm('Unlink ' + user.userName + ' from Simkl? Their playback is no longer sent.')) {
            return;
        }
        stopPin();
        try {
            await api('DELETE', 'Simkl/Users/' + user.userId + '/Link');
            await loadUsers();
            show($('.simklLinkMessage'), user.userName + ' was unlinked.', 'success');
        } catch (error) {
            show($('.simklLinkMessage'), (await problemOf(error)).message, 'error');
        }
    }

    async function saveOptions(event) {
        event.preventDefault();
        const form = $('.simklOptionsForm');
        const checked = (name) => Array.from(form.querySelectorAll('[name="' + name + '"]:checked')).map((input) => input.value);
        const number = (name) => {
            const text = form.querySelector('[name="' + name + '"]').value.trim();
            return /^-?\d+$/.test(text) ? parseInt(text, 10) : NaN;
        };
        const options = {
            trackingEnabled: form.querySelector('[name="trackingEnabled"]').checked,
            trackMovies: form.querySelector('[name="trackMovies"]').checked,
            trackShows: form.querySelector('[name="trackShows"]').checked,
            trackAnime: form.querySelector('[name="trackAnime"]').checked,
            excludedLibraryIds: checked('excludedLibraryIds'),
            animeLibraryIds: checked('animeLibraryIds'),
            minimumDurationSeconds: number('minimumDurationSeconds'),
            completionThresholdPercent: number('completionThresholdPercent')
        };
        const local = [];
        if (Number.isNaN(options.completionThresholdPercent)) {
            local.push('The completion threshold must be a whole number between 1 and 100.');
        }
        if (Number.isNaN(options.minimumDurationSeconds)) {
            local.push('The minimum duration must be a whole number of seconds.');
        }
        if (local.length > 0) {
            show($('.simklOptionsMessage'), local.join(' '), 'error');
            return;
        }
        Dashboard.showLoadingMsg();
        try {
            const saved = await api('PUT', 'Simkl/Users/' + state.userId + '/Options', options);
            const user = selectedUser();
            user.options = saved;
            renderOptions(saved);
            show($('.simklOptionsMessage'), 'Options saved.', 'success');
        } catch (error) {
            const problem = await problemOf(error);
            const details = problem.errors ? Object.values(problem.errors).flat().join(' ') : problem.message;
            show($('.simklOptionsMessage'), 'Not saved: ' + details, 'error');
        } finally {
            Dashboard.hideLoadingMsg();
        }
    }

    async function saveSettings(event) {
        event.preventDefault();
        const form = $('.simklSettingsForm');
        const baseUrl = form.querySelector('[name="SimklApiBaseUrl"]').value.trim() || 'https://api.simkl.com';
        if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
            show($('.simklSettingsMessage'), 'The Simkl API address must start with https:// (or http://).', 'error');
            return;
        }
        show($('.simklSettingsMessage'), '');
        Dashboard.showLoadingMsg();
        try {
            // Read the stored configuration again, so the per-user options saved meanwhile are kept.
            const config = await ApiClient.getPluginConfiguration(pluginId);
            config.ClientId = form.querySelector('[name="ClientId"]').value.trim();
            config.SimklApiBaseUrl = baseUrl;
            config.Diagnostics = form.querySelector('[name="Diagnostics"]').value;
            const result = await ApiClient.updatePluginConfiguration(pluginId, config);
            Dashboard.processPluginConfigurationUpdateResult(result);
            await loadStatus();
        } catch (error) {
            show($('.simklSettingsMessage'), (await problemOf(error)).message, 'error');
        } finally {
            Dashboard.hideLoadingMsg();
        }
    }

    $('.simklUser').addEventListener('change', (event) => {
        stopPin();
        state.userId = event.target.value;
        renderUser();
    });
    $('.simklLinkButton').addEventListener('click', startLink);
    $('.simklUnlinkButton').addEventListener('click', unlink);
    $('.simklOptionsForm').addEventListener('submit', saveOptions);
    $('.simklSettingsForm').addEventListener('submit', saveSettings);
    view.addEventListener('viewshow', load);
    view.addEventListener('viewhide', stopPin);
}
