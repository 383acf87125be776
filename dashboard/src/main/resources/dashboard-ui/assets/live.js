// The live feed: Server-Sent Events from the dashboard service (/api/live/execution, through the gateway). A
// message only says what changed; the views then re-read their figures from the APIs. EventSource reconnects by
// itself after a network drop.

/**
 * @param onChange called with {type, programCode, fiscalYear, allocationId, count}
 * @param onStatus called with 'connecting' | 'on' | 'off'
 */
export function connect(onChange, onStatus) {
  if (!('EventSource' in window)) {
    onStatus('off');
    return null;
  }
  onStatus('connecting');
  const source = new EventSource('/api/live/execution');
  source.addEventListener('hello', () => onStatus('on'));
  source.addEventListener('change', (e) => {
    let nudge;
    try {
      nudge = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    onChange(nudge);
  });
  source.addEventListener('error', () => {
    onStatus('off');
    if (source.readyState === EventSource.CLOSED) {
      // refused (e.g. 503: too many streams): EventSource gives up, so try again a little later
      setTimeout(() => connect(onChange, onStatus), 5000);
    }
  });
  return source;
}
