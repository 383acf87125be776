// Money arrives as exact decimal strings ("1400000.00"); it is grouped and summed as integer 分 (BigInt), never as a
// float. Floats are used only to draw charts.

/** "1400000.00" → "1,400,000.00"; null → "—". */
export function money(amount) {
  if (amount === null || amount === undefined || amount === '') return '—';
  const s = String(amount);
  const negative = s.startsWith('-');
  const [whole, fraction = '00'] = (negative ? s.slice(1) : s).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** "1400000.00" → 140000000n */
export function cents(amount) {
  if (amount === null || amount === undefined || amount === '') return 0n;
  const s = String(amount);
  const negative = s.startsWith('-');
  const [whole, fraction = ''] = (negative ? s.slice(1) : s).split('.');
  const c = BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -c : c;
}

/** 140000000n → "1400000.00" */
export function fromCents(c) {
  const negative = c < 0n;
  const abs = negative ? -c : c;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** numerator / denominator as a four-decimal fraction string, rounded half up; a zero denominator gives "0.0000". */
export function ratio(numerator, denominator) {
  if (denominator === 0n) return '0.0000';
  const negative = (numerator < 0n) !== (denominator < 0n);
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const scaled = (n * 20000n + d) / (2n * d); // round half up at the 4th decimal
  const s = `${scaled / 10000n}.${String(scaled % 10000n).padStart(4, '0')}`;
  return negative && scaled !== 0n ? `-${s}` : s;
}

/** "0.3900" → 3900 (basis points of a fraction: exact comparisons). */
export function rateUnits(rate) {
  return rateToInt(String(rate ?? '0'));
}

function rateToInt(rate) {
  const negative = rate.startsWith('-');
  const [whole, fraction = ''] = (negative ? rate.slice(1) : rate).split('.');
  const v = Number(whole || '0') * 10000 + Number((fraction + '0000').slice(0, 4));
  return negative ? -v : v;
}

/** "0.3900" → "39.00%" (the API's own display form). */
export function percent(rate) {
  if (rate === null || rate === undefined || rate === '') return '—';
  const units = rateToInt(String(rate));
  const negative = units < 0;
  const abs = Math.abs(units);
  return `${negative ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/** For charts only: yuan → 10k yuan as a float. */
export function wan(amount) {
  return Number(cents(amount)) / 1_000_000;
}

/** For charts only: "0.3900" → 39 */
export function pct(rate) {
  return rateToInt(String(rate ?? '0')) / 100;
}

export function time(date = new Date()) {
  return date.toLocaleTimeString('zh-CN', { hour12: false });
}

/** Text safe for innerHTML. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  }[c]));
}
