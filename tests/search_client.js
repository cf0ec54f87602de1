// Run the docs site's own search worker (mkdocs-material's, lunr inside) in node and query it
// as the browser does. Usage: node search_client.js SITE_DIR QUERY -> {"ready", "found": [locations]}
// Used by tests/test_docs_site.py; the message types are the theme's (0 setup, 1 ready, 2 query, 3 result).
const fs = require("fs"), path = require("path"), vm = require("vm");
const site = process.argv[2], query = process.argv[3];
const workers = path.join(site, "assets/javascripts/workers");
const worker = fs.readdirSync(workers).find(n => /^search\..*\.min\.js$/.test(n));
let handler = null;
const results = [];
const context = {
  console, setTimeout, clearTimeout, Promise,
  location: { href: "file://" + workers + "/" + worker },
  addEventListener: (type, fn) => { if (type === "message") handler = fn; },
  postMessage: message => results.push(message),
  importScripts: (...urls) => {
    for (const url of urls) {
      const file = url.startsWith("file://") ? url.slice(7) : path.resolve(workers, url);
      vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
    }
  },
};
context.self = context; context.globalThis = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(workers, worker), "utf8"), context);
const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));
(async () => {
  index.options = { suggest: false }; // what the page passes: no search suggestions
  await handler({ data: { type: 0, data: index } });
  await handler({ data: { type: 2, data: query } });
  await new Promise(r => setTimeout(r, 50));
  const found = results.filter(m => m.type === 3).flatMap(m => m.data.items.flat().map(d => d.location));
  console.log(JSON.stringify({ ready: results.some(m => m.type === 1), found }));
})().catch(e => { console.error(e); process.exit(1); });
