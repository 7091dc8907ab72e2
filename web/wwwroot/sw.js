// Plan2 service worker: makes the dashboard installable and keeps its shell (icons, styles, scripts) for a
// fast start. Live data is never cached: pages, the Blazor circuit and the APIs always go to the network.
const shell = "plan2-shell-v1";
const shellFiles = ["/manifest.webmanifest", "/icons/icon.svg", "/icons/icon-192.png", "/icons/icon-512.png", "/css/plan2.css", "/js/plan2.js",
    "/_content/MudBlazor/MudBlazor.min.css", "/_content/MudBlazor/MudBlazor.min.js"];

self.addEventListener("install", event => {
    event.waitUntil(caches.open(shell).then(cache => cache.addAll(shellFiles)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", event => {
    event.waitUntil(caches.keys()
        .then(keys => Promise.all(keys.filter(k => k !== shell).map(k => caches.delete(k))))
        .then(() => self.clients.claim()));
});

self.addEventListener("fetch", event => {
    const url = new URL(event.request.url);
    if (event.request.method !== "GET" || url.origin !== self.location.origin || !shellFiles.includes(url.pathname))
        return; // the network as usual
    // The shell: network first (so an update shows at once), the cached copy when offline.
    event.respondWith(fetch(event.request)
        .then(response => { const copy = response.clone(); caches.open(shell).then(c => c.put(event.request, copy)); return response; })
        .catch(() => caches.match(event.request)));
});
