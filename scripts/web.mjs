// `npm run web`: the renderer as a page on 127.0.0.1, with the URL printed.
import { serveWeb } from './serve-web.mjs';

await serveWeb();
