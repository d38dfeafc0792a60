// The console's browser code and styles reach the worker as text: wrangler.toml's [[rules]]
// (Text, `**/*.client.js` and `**/*.css`) bundle them as strings, which the worker serves.
declare module "*.client.js" {
  const source: string;
  export default source;
}
declare module "*.css" {
  const source: string;
  export default source;
}
