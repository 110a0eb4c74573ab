// The contract builds its zod schemas when imported, and zod then probes `new Function` to
// compile fast parsers; the renderer's CSP (rightly, no 'unsafe-eval') reports that probe
// as a violation. The renderer never parses with those schemas, so tell zod not to try.
// main.ts imports this before anything that imports the contract.
import { z } from 'zod';

z.config({ jitless: true });
