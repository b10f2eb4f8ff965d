// What the administrator's config page and the self-service page both show for one Jellyfin user, with the same
// element ids on both: the message line, linking with a PIN and its countdown, the tracking options both offer and the
// activity list. The pages reach the server differently (the dashboard's ApiClient; the self-service page's own
// fetch with the user's Jellyfin session), so this module never calls the server itself: a page passes its request
// function in. SimklMeController serves it anonymously beside selfService.js, where both pages can import it.

// How often a page asks the server about a pending code (a host page may shorten it, as the browser tests do).
const PIN_POLL_MS = globalThis.SimklPinPollIntervalMs || 3000;

export function showMessageIn(box, text, kind) {
    box.textContent = text || '';
    box.hidden = !text;
    box.classList.toggle('simklError', kind === 'error');
    box.classList.toggle('simklOk', kind === 'ok');
}

// A refused call rejects with the Response; its body is a problem, or nothing readable.
export async function readProblem(error) {
    if (error && typeof error.json === 'function') {
        try {
            const problem = await error.json();
            return problem && typeof problem === 'object' ? problem : {};
        } catch {
            return {};
        }
    }
    return {};
}

export async function problemMessage(error, fallback) {
    const problem = await readProblem(error);
    if (problem.errors) {
        return Object.values(problem.errors).flat().join(' ');
    }
    return problem.detail || problem.title || fallback;
}

export function formatRemaining(ms) {
    const total = Math.max(0, Math.round(ms / 1000));
    return Math.floor(total / 60) + ':' + String(total % 60).padStart(2, '0');
}

// Linking with Simkl's PIN. The server asks Simkl for the code and polls Simkl itself, so no token reaches the page;
// the page shows the code and asks the server how it stands until the code is approved, expires or fails.
//   $: finds an element of the page by id.
//   request(method, path): the page's call to its server; rejects with the Response when refused.
//   say(text, kind): shows a line in the page's message box.
//   sayProblem(error, fallback): shows why a call was refused (a page may handle some refusals itself).
//   linkedText(status): what the page says once linked.
//   done(): reloads what the page shows after linking ended, however it ended.
export function pinLink({ $, request, say, sayProblem, linkedText, done }) {
    // The code being followed; stop() forgets it, so a poll already under way for an older code schedules no other.
    let current = null;
    let pollTimer = null;
    let countdownTimer = null;

    function stop() {
        current = null;
        clearTimeout(pollTimer);
        clearInterval(countdownTimer);
        pollTimer = null;
        countdownTimer = null;
        $('simklPin').hidden = true;
    }

    function show(pin) {
        $('simklPin').hidden = false;
        $('simklCode').textContent = pin.userCode;
        const link = $('simklVerificationUrl');
        link.href = pin.verificationUrl;
        link.textContent = pin.verificationUrl.replace(/^https?:\/\//, '').replace(/\/$/, '');
        // Counted from the server's "expires in", not its clock: the browser's clock may differ.
        const expiresAt = Date.now() + pin.expiresInSeconds * 1000;
        const tick = () => { $('simklCountdown').textContent = formatRemaining(expiresAt - Date.now()); };
        tick();
        clearInterval(countdownTimer);
        countdownTimer = setInterval(tick, 1000);
    }

    async function poll(code) {
        if (current !== code) {
            return;
        }
        let status;
        try {
            status = await request('GET', code.path);
        } catch (error) {
            stop();
            await sayProblem(error, 'Linking could not be followed.');
            return;
        }
        if (status.state === 'pending') {
            say(status.message || '', status.message ? 'error' : undefined);
            pollTimer = setTimeout(() => poll(code), PIN_POLL_MS);
            return;
        }
        stop();
        if (status.state === 'linked') {
            say(linkedText(status), 'ok');
        } else if (status.state === 'expired') {
            say(status.message || 'The code expired. Press "Link with Simkl" for a new one.', 'error');
        } else {
            say(status.message || 'Linking failed.', 'error');
        }
        await done();
    }

    // path: the server's PIN route for this user; POST starts linking, GET tells where it stands.
    async function start(path) {
        stop();
        say('');
        const code = { path };
        current = code;
        try {
            show(await request('POST', path));
            pollTimer = setTimeout(() => poll(code), PIN_POLL_MS);
        } catch (error) {
            await sayProblem(error, 'Simkl cannot be reached right now. Try again in a few minutes.');
        }
    }

    return { start, stop };
}

// checkboxIs: the dashboard's checkbox element for the config page; the self-service page has plain checkboxes.
function renderLibraries(container, libraries, selected, checkboxIs) {
    container.replaceChildren();
    for (const library of libraries) {
        const wrapper = document.createElement('div');
        wrapper.className = 'checkboxContainer';
        const label = document.createElement('label');
        const input = document.createElement('input');
        input.type = 'checkbox';
        if (checkboxIs) {
            input.setAttribute('is', checkboxIs);
        }
        input.value = library.id;
        input.checked = selected.includes(library.id);
        const span = document.createElement('span');
        span.textContent = library.name;
        label.append(input, span);
        wrapper.append(label);
        container.append(wrapper);
    }
}

function checkedLibraries(container) {
    return Array.from(container.querySelectorAll('input:checked')).map((input) => input.value);
}

// The tracking options both pages offer; a page fills and reads the ones only it offers itself.
export function showTrackingOptions($, options, libraries, checkboxIs) {
    $('simklTrackingEnabled').checked = options.trackingEnabled;
    $('simklTrackMovies').checked = options.trackMovies;
    $('simklTrackShows').checked = options.trackShows;
    $('simklTrackAnime').checked = options.trackAnime;
    $('simklThreshold').value = options.completionThresholdPercent;
    $('simklMinimumMinutes').value = Math.round(options.minimumDurationSeconds / 60);
    renderLibraries($('simklExcludedLibraries'), libraries, options.excludedLibraryIds, checkboxIs);
    renderLibraries($('simklAnimeLibraries'), libraries, options.animeLibraryIds, checkboxIs);
}

export function readTrackingOptions($, shown) {
    return {
        // Options the page does not show go back as they came, so saving there never resets them.
        ...shown,
        trackingEnabled: $('simklTrackingEnabled').checked,
        trackMovies: $('simklTrackMovies').checked,
        trackShows: $('simklTrackShows').checked,
        trackAnime: $('simklTrackAnime').checked,
        excludedLibraryIds: checkedLibraries($('simklExcludedLibraries')),
        animeLibraryIds: checkedLibraries($('simklAnimeLibraries')),
        minimumDurationSeconds: Math.round(Number($('simklMinimumMinutes').value || 0) * 60),
        completionThresholdPercent: Math.round(Number($('simklThreshold').value))
    };
}

export function renderActivity(body, entries) {
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
