// The configuration page's controller module; the dashboard loads it through data-controller.
export default function (view) {
    view.addEventListener('viewshow', function () {
        // Nothing to load yet.
    });
}
