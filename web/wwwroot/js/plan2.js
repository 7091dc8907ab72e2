// Small browser helpers for the dashboard: settings kept in local storage, and the service worker.
window.plan2 = {
    prefs: {
        get: key => {
            // The layout reads the theme on its first interactive render: the moment the page became interactive.
            if (window.plan2.interactiveAt === undefined) {
                window.plan2.interactiveAt = performance.now();
                registerServiceWorkerWhenIdle();
            }
            try { return localStorage.getItem("plan2." + key); } catch { return null; }
        },
        set: (key, json) => { try { localStorage.setItem("plan2." + key, json); } catch { /* private mode: not kept */ } },
    },
    // A page's own styles and scripts, loaded once when the page first needs them (the diagram library of the
    // flows page), so that every other page starts without them.
    loadAssets: (styles, scripts) => Promise.all([
        ...styles.map(href => loadOnce(href, () => Object.assign(document.createElement("link"), { rel: "stylesheet", href }))),
        ...scripts.map(src => loadOnce(src, () => Object.assign(document.createElement("script"), { src }))),
    ]),
};

const loading = new Map();
function loadOnce(url, create) {
    if (!loading.has(url)) {
        loading.set(url, new Promise((resolve, reject) => {
            const element = create();
            element.onload = resolve;
            element.onerror = () => reject(new Error(url + " could not be loaded"));
            document.head.appendChild(element);
        }));
    }
    return loading.get(url);
}

// Registered once the page is interactive and the browser idle: on a first visit the worker's install fetches
// the shell's styles and scripts again, which must not compete with the page's own start.
function registerServiceWorkerWhenIdle() {
    if (!("serviceWorker" in navigator)) return;
    const register = () => navigator.serviceWorker.register("/sw.js").catch(() => { /* not installable here (http on a non-local host) */ });
    if ("requestIdleCallback" in window) requestIdleCallback(register, { timeout: 2000 });
    else setTimeout(register, 500);
}

// Blazor is started here (autostart="false") so that a first visit's circuit opens one round trip after the page
// is ready instead of three: no fetch of _blazor/initializers (the JS initializers of the libraries we ship: there
// are none, a test checks that it answers []) and no negotiate request before the WebSocket (the circuit needs
// WebSockets anyway; long polling is not offered).
Blazor.start({
    circuit: {
        initializers: { beforeStart: [], afterStarted: [] },
        configureSignalR: builder => builder.withUrl("_blazor", { skipNegotiation: true, transport: 1 /* WebSockets */ }),
    },
});
