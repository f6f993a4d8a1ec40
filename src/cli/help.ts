import * as stats from './commands/stats.js';
import * as series from './commands/series.js';
import * as diff from './commands/diff.js';
import * as settlements from './commands/settlements.js';
import * as versions from './commands/versions.js';
import * as regions from './commands/regions.js';
import * as reference from './commands/reference.js';
import * as importCmd from './commands/import.js';
import * as serve from './commands/serve.js';
import * as front from './commands/frontline.js';
import * as distance from './commands/distance.js';
import * as tempo from './commands/tempo.js';
import * as whatif from './commands/whatif.js';
import * as salients from './commands/salients.js';
import * as roads from './commands/roads.js';
import * as user from './commands/user.js';

export const HELP = `Usage:
  ${reference.usage}
  ${importCmd.usage.split('\n').join('\n  ')}
  ${stats.usage}
  ${series.usage}
  ${diff.usage}
  ${settlements.usage}
  ${versions.usage}
  ${regions.usage}
  ${front.usage}
  ${distance.usage}
  ${tempo.usage}
  ${whatif.usage}
  ${salients.usage}
  ${roads.usage}
  ${serve.usage}
  ${user.usage.split('\n').join('\n  ')}
  frontline start [--port 8080] [--no-serve]   first-run setup (reference + archive), a summary, then serve

Environment: FRONTLINE_DATA (data directory, default ../shared/data), FRONTLINE_DB (default ./data/frontline.db)
Exit codes: 0 ok, 1 the command ran and found a problem (e.g. some files failed), 2 usage or configuration error`;
