// The figures beside the charts: rings, journal and snapshots, market data, sessions, rejects (the cluster's card
// is cluster.js).
function list(id, entries) {
    const el = document.getElementById(id);
    const items = [];
    for (const [name, value] of entries) {
        const dt = document.createElement('dt');
        dt.textContent = name;
        const dd = document.createElement('dd');
        dd.textContent = value === null || value === undefined ? '-' : String(value);
        dd.dataset.name = name;
        items.push(dt, dd);
    }
    el.replaceChildren(...items);
}

const count = value => (value === null || value === undefined ? null : Number(value).toLocaleString('en'));
const mb = value => (value === null || value === undefined ? null : (value / 1e6).toFixed(1) + ' MB');
const pair = values => (values[0] === null || values[0] === undefined ? null :
    count(values[0]) + ' / ' + count(values[1]));
const us = value => (value === null || value === undefined ? null : value.toFixed(1) + ' \u00b5s');

export function renderMetrics(m) {
    list('rings', [
        ['input ring free', pair(m.ring.in)],
        ['output ring free', pair(m.ring.out)],
        ['commands refused (ring full)', count(m.ring.full)]
    ]);
    list('journal', [
        ['journal size', mb(m.journal.bytes)],
        ['durable sequence', count(m.journal.durable)],
        ['applied sequence', count(m.journal.applied)],
        ['journal lag', count(m.journal.lag)],
        ['free for the journal', mb(m.journal.usable)],
        ['force p99', us(m.journal.forceP99)],
        ['journal failed', m.journal.failed === 1 ? 'YES' : 'no'],
        ['snapshots written', count(m.snap.written)],
        ['snapshots failed', count(m.snap.failed)]
    ]);
    list('marketdata', [
        ['messages published', count(m.feed.published)],
        ['subscribers', count(m.feed.subscribers)],
        ['gaps seen', count(m.feed.gaps)],
        ['gaps recovered', count(m.feed.filled)],
        ['messages retransmitted', count(m.feed.retransmitted)]
    ]);
    const sessions = Object.entries(m.sessions);
    list('sessions', sessions.length ? sessions.map(([k, v]) => [k, count(v)]) : [['gateways', 'none reported']]);
    const rejects = Object.entries(m.rejects).filter(([, v]) => v > 0);
    list('rejects', rejects.length ? rejects.map(([k, v]) => [k, count(v)]) : [['rejects', 'none']]);
}
