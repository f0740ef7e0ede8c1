// bench/report/duck.mjs - the reference side of the reports benchmark: the questions that
// `baton report funnel|speed|sla|routing` answer, asked of DuckDB (in memory, @duckdb/node-api) over
// what baton exported (`export events --format csv`, `--json sla`). Loads both (timed apart:
// the load is not part of the comparison), times each question (median of --runs), checks
// that DuckDB's numbers equal baton's JSON output, and writes one line per report to --out:
//   name <TAB> duckdb median wall seconds <TAB> median CPU seconds <TAB> MATCH|MISMATCH
//
// node bench/report/duck.mjs --events events.csv --obligations obligations.json \
//      --baton DIR [--runs 5] [--out FILE] [--speed-channel inbound] [--threads N]
// DIR holds baton's outputs: funnel.json, funnel_source.json, speed.json, sla.json, routing.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';

const args = { runs: '5', 'speed-channel': 'inbound' };
for (let i = 2; i < process.argv.length; i += 2) {
	const k = process.argv[i].replace(/^--/, '');
	if (i + 1 >= process.argv.length) throw new Error(`duck.mjs: --${k} needs a value`);
	args[k] = process.argv[i + 1];
}
for (const k of ['events', 'obligations', 'baton'])
	if (!args[k]) throw new Error(`duck.mjs: --${k} is required`);
const RUNS = Number(args.runs);

// The states of docs/reports.md, in the funnel's order, and its conversions.
const STAGES = ['inquiry', 'target', 'mql', 'working', 'handoff', 'sql', 'won', 'live', 'lost', 'filtered',
	'nurture', 'disqualified'];
// `churned` (a customer that did not renew, SPEC 8.12) is a state the funnel does not show.
const STATES = [...STAGES, 'churned'];
const STEPS = [['inquiry', 'mql'], ['mql', 'working'], ['working', 'handoff'], ['handoff', 'sql'], ['sql', 'won']];

const baton = name => JSON.parse(readFileSync(`${args.baton}/${name}.json`, 'utf8'));
const num = v => (typeof v === 'bigint' ? Number(v) : v);
const plain = rows => rows.map(r => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, num(v)])));
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rate = (n, d) => (d > 0 ? Math.round((n / d) * 1e4) / 1e4 : null);
const sq = s => `'${String(s).replace(/'/g, "''")}'`;

const opts = args.threads ? { threads: String(args.threads) } : {};
const db = await DuckDBInstance.create(':memory:', opts);
const con = await db.connect();
const all = async sql => plain((await con.runAndReadAll(sql)).getRowObjectsJS());

// ---------------------------------------------------------------- load (timed, not compared)
// The events keep their columns; of the payload (the CSV's `data`, one JSON object per event)
// the load keeps, typed, the fields these questions read: the lead's source and channel (on
// its `created` event), a touch's `first` and `speed_minutes`, and what a routing event
// (assigned, reassigned, unassigned) says: its owner and previous owner, whether a manager's
// hand (`manual`), a rotation or a breach's reassignment (`reassigns`) moved the lead, and the
// reps it skipped (lists). `to` becomes an ENUM of the states (a typed schema; baton stores it
// as a small integer too).
const enumList = STATES.map(sq).join(', ');
const ROUTED = `('assigned', 'reassigned', 'unassigned')`;
let t0 = performance.now();
await con.run(`CREATE TYPE stage AS ENUM (${enumList})`);
await con.run(`
CREATE TABLE events AS
SELECT id, strptime("at", '%Y-%m-%dT%H:%M:%SZ') AS "at", "type", lead, actor,
       "from"::stage AS from_stage, "to"::stage AS to_stage,
       CASE WHEN "type" = 'created' THEN data->>'source' END AS source,
       CASE WHEN "type" = 'created' THEN data->>'channel' END AS channel,
       CASE WHEN "type" = 'touch' THEN (data->>'first')::BOOLEAN END AS "first",
       CASE WHEN "type" = 'touch' THEN (data->>'speed_minutes')::INTEGER END AS speed_minutes,
       CASE WHEN "type" IN ${ROUTED} THEN data->>'owner' END AS owner,
       CASE WHEN "type" IN ${ROUTED} THEN data->>'previous_owner' END AS previous_owner,
       CASE WHEN "type" IN ${ROUTED} THEN coalesce((data->>'manual')::BOOLEAN, false) END AS manual,
       CASE WHEN "type" IN ${ROUTED} THEN data->>'rotation' IS NOT NULL END AS rotation,
       CASE WHEN "type" IN ${ROUTED} THEN data->>'reassigns' IS NOT NULL END AS reassigns,
       CASE WHEN "type" IN ${ROUTED} THEN (data->'skipped_hours')::VARCHAR[] END AS skipped_hours,
       CASE WHEN "type" IN ${ROUTED} THEN (data->'skipped_capacity')::VARCHAR[] END AS skipped_capacity,
       CASE WHEN "type" IN ${ROUTED} THEN (data->'skipped_away')::VARCHAR[] END AS skipped_away
FROM read_csv(${sq(args.events)}, header = true, auto_detect = false, quote = '"', escape = '"',
     columns = {'id': 'BIGINT', 'at': 'VARCHAR', 'type': 'VARCHAR', 'lead': 'BIGINT', 'actor': 'VARCHAR',
                'from': 'VARCHAR', 'to': 'VARCHAR', 'data': 'JSON'})`);
const loadEvents = (performance.now() - t0) / 1000;
t0 = performance.now();
await con.run(`
CREATE TABLE obligations AS
SELECT * FROM read_json(${sq(args.obligations)}, format = 'array',
     columns = {'id': 'BIGINT', 'rule': 'VARCHAR', 'lead': 'BIGINT', 'owner': 'VARCHAR',
                'due': 'VARCHAR', 'status': 'VARCHAR'})`);
const loadObligations = (performance.now() - t0) / 1000;
const [size] = await all(`SELECT (SELECT count(*) FROM events) AS events,
	(SELECT count(DISTINCT lead) FROM events) AS leads,
	(SELECT count(*) FROM obligations) AS obligations,
	(SELECT count(*) FROM (SELECT arg_min(speed_minutes, id) AS m FROM events WHERE "type" = 'touch' AND "first"
	 GROUP BY lead) WHERE m IS NULL) AS no_speed,
	current_setting('threads') AS threads, version() AS version`);
console.log(`duckdb ${size.version}, in memory, ${size.threads} threads`);
console.log(`duckdb load: ${size.events} events (${size.leads} leads) in ${loadEvents.toFixed(2)} s, ` +
	`${size.obligations} obligations in ${loadObligations.toFixed(2)} s (not part of the comparison)`);

// ---------------------------------------------------------------- the questions
// funnel: per lead, the stages it ever reached (every event with a `to`; a lead's `created`
// event has one, so every lead is there) as a bit set, counted per stage, and the conversions
// among the leads that reached the first stage of each pair.
function funnelSql(bySource) {
	const bit = s => 1 << STATES.indexOf(s);
	const counts = STAGES.map(s => `count_if(m & ${bit(s)} <> 0) AS "${s}"`).join(',\n       ');
	const pairs = STEPS.map(([a, b]) => `count_if(m & ${bit(a) | bit(b)} = ${bit(a) | bit(b)}) AS "${a}_and_${b}"`)
		.join(',\n       ');
	const key = bySource ? `coalesce(source, '(none)')` : `'all'`;
	return `
WITH per_lead AS (
  SELECT lead, max(source) AS source, bit_or(1::INTEGER << enum_code(to_stage)) AS m
  FROM events WHERE to_stage IS NOT NULL AND lead IS NOT NULL GROUP BY lead)
SELECT ${key} AS "key", count(*) AS leads,
       ${counts},
       ${pairs}
FROM per_lead GROUP BY ALL ORDER BY "key"`;
}

// speed: the leads of the speed-to-lead rule's channel (their `created` event's) that reached
// mql; each one's minutes to its first touch (the earliest touch with first=true: its
// speed_minutes, the business minutes baton recorded), nearest rank via quantile_disc. Only
// when some lead's first touch lacks speed_minutes (the export did not record them) are its
// minutes counted from the lead's first mql event instead.
// (`channel` is set on `created` events only and `first` on touches only, by the load above.)
// within_sla is 0, as baton says, when no lead was touched (count_if over only NULLs is NULL).
const within = baton('speed').sla_minutes;
const fallback = size.no_speed > 0;
if (fallback)
	console.log(`note: the first touch of ${size.no_speed} leads lacks speed_minutes; their minutes are counted from the first mql event`);
const speedSql = `
WITH inb AS (SELECT lead FROM events WHERE channel = ${sq(args['speed-channel'])}),
mq AS (${fallback ? `SELECT lead, min("at") AS mql_at FROM events WHERE to_stage = 'mql' GROUP BY lead`
		: `SELECT DISTINCT lead FROM events WHERE to_stage = 'mql'`}),
ft AS (SELECT lead, arg_min(speed_minutes, id) AS sm${fallback ? ', arg_min("at", id) AS ta' : ''}
       FROM events WHERE "first" GROUP BY lead),
s AS (SELECT ${fallback ? `coalesce(ft.sm, floor(date_diff('second', mq.mql_at, ft.ta) / 60))` : 'ft.sm'} AS minutes
      FROM inb ${fallback ? 'JOIN' : 'SEMI JOIN'} mq USING (lead) LEFT JOIN ft USING (lead))
SELECT 'all' AS "key", count(*) AS leads, count(minutes) AS touched, count(*) - count(minutes) AS untouched,
       quantile_disc(minutes, 0.5) AS p50_minutes, quantile_disc(minutes, 0.9) AS p90_minutes,
       ${within == null ? 'NULL' : `coalesce(count_if(minutes <= ${Number(within)}), 0)`} AS within_sla
FROM s`;

// sla: obligations per rule and status, and compliance = met / (met + breached); `all` sums.
const slaSql = `
SELECT coalesce("rule", 'all') AS "rule", count(*) AS obligations,
       count_if(status = 'open') AS "open", count_if(status = 'met') AS met,
       count_if(status = 'breached') AS breached, count_if(status = 'cancelled') AS cancelled
FROM obligations GROUP BY GROUPING SETS (("rule"), ()) ORDER BY "rule" = 'all', "rule"`;

// routing: per rep, over the routing events (assigned, reassigned, unassigned), as
// docs/reports.md says: `assignments` (assigned by a rotation, not by a manager), `manual_in`
// and `manual_out` (a manager's assignment: its owner and previous owner), `sla_in` and
// `sla_out` (a breach's reassignment: the rep it went to, the owner it left), and each rep
// every skip list names. Reps no event names have no row here (zeros in baton's).
const ROUTING_FIELDS = ['assignments', 'skipped_hours', 'skipped_capacity', 'skipped_away', 'manual_in', 'manual_out',
	'sla_in', 'sla_out'];
const routingSql = `
WITH r AS (SELECT * FROM events WHERE "type" IN ${ROUTED}),
c AS (
  SELECT owner AS rep, 'manual_in' AS what FROM r WHERE "type" = 'assigned' AND manual
  UNION ALL SELECT previous_owner, 'manual_out' FROM r WHERE "type" = 'assigned' AND manual
  UNION ALL SELECT owner, 'assignments' FROM r WHERE "type" = 'assigned' AND NOT manual AND rotation
  UNION ALL SELECT owner, 'sla_in' FROM r WHERE "type" = 'reassigned' AND reassigns
  UNION ALL SELECT previous_owner, 'sla_out' FROM r WHERE "type" <> 'assigned' AND reassigns
  UNION ALL SELECT unnest(skipped_hours), 'skipped_hours' FROM r WHERE skipped_hours IS NOT NULL
  UNION ALL SELECT unnest(skipped_capacity), 'skipped_capacity' FROM r WHERE skipped_capacity IS NOT NULL
  UNION ALL SELECT unnest(skipped_away), 'skipped_away' FROM r WHERE skipped_away IS NOT NULL)
SELECT rep, ${ROUTING_FIELDS.map(f => `count_if(what = '${f}') AS ${f}`).join(', ')},
       sum(count_if(what = 'assignments')) OVER () AS total
FROM c WHERE rep IS NOT NULL GROUP BY rep ORDER BY rep`;

// Runs sql RUNS times: wall seconds of each, and the process's CPU seconds (every DuckDB thread).
async function timed(sql) {
	const times = [], cpus = [];
	let rows;
	for (let i = 0; i < RUNS; i++) {
		const c = process.cpuUsage(), t = performance.now();
		rows = await all(sql);
		times.push((performance.now() - t) / 1000);
		const u = process.cpuUsage(c);
		cpus.push((u.user + u.system) / 1e6);
	}
	return { rows, times, median: median(times), cpu: median(cpus) };
}

// ---------------------------------------------------------------- comparison with baton
function compare(name, batonRows, duckRows, keyOf, fields, rates) {
	const diffs = [];
	const b = new Map(batonRows.map(r => [keyOf(r), r]));
	const d = new Map(duckRows.map(r => [keyOf(r), r]));
	for (const k of new Set([...b.keys(), ...d.keys()])) {
		const br = b.get(k), dr = d.get(k);
		if (!br || !dr) {
			diffs.push(`${k}: row only in ${br ? 'baton' : 'duckdb'}`);
			continue;
		}
		for (const f of fields)
			if ((br[f] ?? null) !== (dr[f] ?? null)) diffs.push(`${k}.${f}: baton=${br[f]} duckdb=${dr[f]}`);
		for (const [f, n, den] of rates) {
			const want = rate(dr[n], dr[den]), got = br[f] ?? null;
			if (want === null ? got !== null : got === null || Math.abs(got - want) > 0.5e-4 + 1e-12)
				diffs.push(`${k}.${f}: baton=${got} duckdb=${want} (${dr[n]}/${dr[den]})`);
		}
	}
	const verdict = diffs.length ? 'MISMATCH' : 'MATCH';
	const what = `${b.size} row${b.size === 1 ? '' : 's'}, ${fields.length} counts` +
		(rates.length ? ` and ${rates.length} rates` : '') + ' per row';
	console.log(`${name}: ${verdict} (${what})`);
	for (const x of diffs.slice(0, 40)) console.log(`  ${x}`);
	if (diffs.length > 40) console.log(`  ... ${diffs.length - 40} more`);
	return verdict;
}

const funnelFields = ['leads', ...STAGES];
const funnelRates = STEPS.map(([a, b]) => [`${a}_to_${b}`, `${a}_and_${b}`, a]);
const results = [];
const report = (name, res, verdict) => {
	results.push([name, res.median.toFixed(4), res.cpu.toFixed(4), verdict].join('\t'));
	console.log(`  duckdb ${name}: median ${res.median.toFixed(3)} s of ${RUNS} ` +
		`(${res.times.map(t => t.toFixed(3)).join(' ')}), CPU ${res.cpu.toFixed(3)} s`);
};

let res = await timed(funnelSql(false));
report('funnel', res, compare('funnel', baton('funnel').rows, res.rows, r => r.key, funnelFields, funnelRates));

res = await timed(funnelSql(true));
report('funnel --by source', res,
	compare('funnel --by source', baton('funnel_source').rows, res.rows, r => r.key, funnelFields, funnelRates));

res = await timed(speedSql);
{
	const bj = baton('speed');
	const speedRates = within == null ? [] : [['share_within_sla', 'within_sla', 'leads']];
	report('speed', res, compare('speed', bj.rows, res.rows, r => r.key,
		['leads', 'touched', 'untouched', 'p50_minutes', 'p90_minutes', 'within_sla'], speedRates));
}

res = await timed(slaSql);
{
	const bj = baton('sla');
	const rows = res.rows.map(r => ({ ...r, met_or_breached: r.met + r.breached }));
	let verdict = compare('sla', bj.rows.filter(r => r.key === 'all'), rows, r => r.rule,
		['obligations', 'open', 'met', 'breached', 'cancelled'], [['compliance', 'met', 'met_or_breached']]);
	const a = rows.find(r => r.rule === 'all');
	const overall = rate(a.met, a.met + a.breached);
	if (Math.abs((bj.compliance ?? NaN) - overall) > 0.5e-4 + 1e-12 && !(bj.compliance === null && overall === null)) {
		console.log(`  overall compliance: baton=${bj.compliance} duckdb=${overall}`);
		verdict = 'MISMATCH';
	}
	report('sla', res, verdict);
}

res = await timed(routingSql);
{
	const bj = baton('routing');
	const total = res.rows.length ? res.rows[0].total : 0;
	const duck = new Map(res.rows.map(r => [r.rep, r]));
	// every rep of baton's rows, zeros where no event names it (weight and weight_share come
	// from the reps table, not the events: not compared)
	for (const r of bj.rows)
		if (!duck.has(r.rep)) duck.set(r.rep, { rep: r.rep, ...Object.fromEntries(ROUTING_FIELDS.map(f => [f, 0])) });
	const rows = [...duck.values()].map(r => ({ ...r, total }));
	let verdict = compare('routing', bj.rows, rows, r => r.rep, ROUTING_FIELDS, [['share', 'assignments', 'total']]);
	if (bj.assignments !== Number(total)) {
		console.log(`  assignments: baton=${bj.assignments} duckdb=${total}`);
		verdict = 'MISMATCH';
	}
	report('routing', res, verdict);
}

if (args.out) writeFileSync(args.out, results.join('\n') + '\n');
