// Minimal stand-ins for the Jellyfin dashboard's ApiClient and Dashboard globals, then the plugin page itself,
// loaded the way the dashboard does: the page's HTML, then its data-controller module, then "viewshow".
(function () {
    const role = new URLSearchParams(location.search).get('role') || 'Administrator';
    window.shellLog = [];

    async function request(options) {
        const headers = { 'X-Test-Role': role };
        if (options.contentType) {
            headers['Content-Type'] = options.contentType;
        }
        const response = await fetch(options.url, { method: options.type || 'GET', headers: headers, body: options.data });
        if (!response.ok) {
            throw response;
        }
        if (options.dataType === 'json') {
            return response.json();
        }
        return response;
    }

    window.ApiClient = {
        getUrl: (path) => location.origin + '/' + path.replace(/^\//, ''),
        fetch: request,
        getPluginConfiguration: (id) => request({ url: location.origin + '/Plugins/' + id + '/Configuration', dataType: 'json' }),
        updatePluginConfiguration: (id, config) => request({
            url: location.origin + '/Plugins/' + id + '/Configuration', type: 'POST', data: JSON.stringify(config), contentType: 'application/json'
        })
    };
    window.Dashboard = {
        showLoadingMsg: () => window.shellLog.push('loading'),
        hideLoadingMsg: () => window.shellLog.push('loaded'),
        alert: (message) => window.shellLog.push('alert:' + message),
        processPluginConfigurationUpdateResult: () => window.shellLog.push('settings saved')
    };
    window.confirm = () => true;

    window.addEventListener('DOMContentLoaded', async () => {
        const html = await (await fetch('/web/configurationpage?name=SimklScrobbler')).text();
        const page = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-role="page"]');
        const host = document.getElementById('host');
        host.append(document.adoptNode(page));

        // The dashboard's emby-input and emby-select elements draw their "label" attribute as a label.
        for (const field of page.querySelectorAll('[label]')) {
            const label = document.createElement('label');
            label.textContent = field.getAttribute('label');
            field.before(label);
        }
        const controller = page.getAttribute('data-controller').replace('__plugin/', '');
        const module = await import('/web/configurationpage?name=' + encodeURIComponent(controller));
        module.default(page);
        page.dispatchEvent(new CustomEvent('viewshow'));
        document.body.setAttribute('data-shell-ready', 'true');
    });
})();
