// Small browser helpers for the dashboard: settings kept in local storage, and the service worker.
window.plan2 = {
    prefs: {
        get: key => {
            // The layout reads the theme on its first interactive render: the moment the page became interactive.
            window.plan2.interactiveAt ??= performance.now();
            try { return localStorage.getItem("plan2." + key); } catch { return null; }
        },
        set: (key, json) => { try { localStorage.setItem("plan2." + key, json); } catch { /* private mode: not kept */ } },
    },
};
if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(() => { /* not installable here (http on a non-local host) */ });
}
