// The page's one WebSocket: receives the venue's updates (format in docs/dashboard.md) and hands each part to
// its view; reconnects with backoff when the server goes away. The only message sent is the choice of instrument
// (repeated every 10 s, which also keeps the connection from idling out); operator actions go over HTTP (ops.js).
import { renderBook, renderTape, resetTape } from './book.js';
import { TimeSeries } from './charts.js';
import { renderMetrics } from './panels.js';
import { refreshSession } from './ops.js';
import { clearCandles, renderCandles } from './candles.js';
import { renderCluster } from './cluster.js';
import { renderShards } from './shards.js';

const statusEl = document.getElementById('status');
const feedEl = document.getElementById('feed');
const instrumentEl = document.getElementById('instrument');

const latency = new TimeSeries(document.getElementById('chart-latency'),
    ['order-to-report p50', 'order-to-report p99', 'order-to-report p99.9',
        'journal p99', 'engine p99', 'output p99'],
    ['#7aa2f7', '#e0af68', '#f7768e', '#9ece6a', '#bb9af7', '#7dcfff']);
const throughput = new TimeSeries(document.getElementById('chart-throughput'),
    ['commands/s', 'trades/s', 'market data msgs/s'], ['#7aa2f7', '#9ece6a', '#e0af68']);

let socket = null;
let attempts = 0;
let selected = 0;

function setStatus(state) {
    statusEl.textContent = state;
    statusEl.dataset.state = state;
    statusEl.className = 'pill ' + (state === 'live' ? 'up' : 'down');
}

function select() {
    if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ instrument: selected }));
    }
}

function setInstruments(ids) {
    const current = instrumentEl.value;
    instrumentEl.replaceChildren(...ids.map(id => {
        const option = document.createElement('option');
        option.value = String(id);
        option.textContent = String(id);
        return option;
    }));
    if (ids.map(String).includes(current)) {
        instrumentEl.value = current;
    }
}

function onUpdate(update) {
    if (update.feed) {
        feedEl.textContent = update.feed.connected ?
            'feed ' + update.feed.state.toLowerCase() + ' #' + update.feed.seq : 'no market data feed';
    }
    if (update.instruments) {
        setInstruments(update.instruments);
    }
    if (update.book) {
        if (String(update.book.i) !== instrumentEl.value) {
            instrumentEl.value = String(update.book.i);
        }
        clearCandles(update.book.i);
        renderBook(update.book);
        document.getElementById('ops-instrument').textContent = String(update.book.i);
    }
    if (update.candles) {
        renderCandles(update.candles);
    }
    if (update.tape) {
        if (update.tape.reset) {
            resetTape();
        }
        renderTape(update.tape.trades);
    }
    if (update.m) {
        const m = update.m;
        const l = m.lat || {};
        const p = (name, q) => (l[name] ? l[name][q] : null);
        latency.add(update.time, [p('order_to_report', 0), p('order_to_report', 1), p('order_to_report', 2),
            p('journal', 1), p('engine', 1), p('output', 1)]);
        // a shard gateway has no engine of its own: its commands/s are those it routed to its shards
        const commands = m.rate.commands === null && m.shards ?
            m.shards.list.reduce((sum, shard) => (shard.rate === null ? sum : (sum || 0) + shard.rate), null) :
            m.rate.commands;
        throughput.add(update.time, [commands, m.rate.trades, m.rate.md]);
        const leaderChange = renderCluster(m.cluster, update.time);
        if (leaderChange !== null) {
            latency.mark(update.time, leaderChange);
            throughput.mark(update.time, leaderChange);
        }
        const routingChange = renderShards(m.shards, update.time);
        if (routingChange !== null) {
            latency.mark(update.time, routingChange);
            throughput.mark(update.time, routingChange);
        }
        renderMetrics(m);
    }
}

function connect() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = new WebSocket(scheme + location.host + '/dashboard/ws');
    socket.onopen = () => {
        attempts = 0;
        setStatus('live');
        select();
        refreshSession();
    };
    socket.onmessage = event => onUpdate(JSON.parse(event.data));
    socket.onclose = () => {
        setStatus('reconnecting');
        socket = null;
        const delay = Math.min(5000, 250 * 2 ** attempts++);
        setTimeout(connect, delay);
    };
}

instrumentEl.addEventListener('change', () => {
    selected = Number(instrumentEl.value);
    select();
});
setInterval(select, 10000);
window.addEventListener('resize', () => {
    latency.resize();
    throughput.resize();
});
connect();
