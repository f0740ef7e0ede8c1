// tap.mjs - the TAP lines every browser test prints (tests/browser/test_*.mjs): "ok - ..." /
// "not ok - ...", with up to six "#" lines of detail under a failure, that tests/run.sh counts,
// one named step at a time, and the count of failures for the exit status. lib.mjs's session
// prints through it too.
export const tap = { failed: 0 };

// Prints one TAP line for `name`; returns pass.
export function ok(pass, name, detail) {
  console.log((pass ? 'ok - ' : 'not ok - ') + name);
  if (!pass) {
    tap.failed += 1;
    if (detail) for (const line of String(detail).split('\n').slice(0, 6)) console.log('#   ' + line);
  }
  return pass;
}

// Runs one named step: it passes unless fn returns false or throws (its message the detail);
// a string fn returns is printed after the name, in brackets (a delay, a value seen).
export async function step(name, fn) {
  try {
    const r = await fn();
    return ok(r !== false, typeof r === 'string' ? name + ' (' + r + ')' : name);
  } catch (e) {
    return ok(false, name, e && e.message);
  }
}
