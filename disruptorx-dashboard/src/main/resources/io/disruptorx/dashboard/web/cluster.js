// The cluster card, shown when the page's host reports cluster members: the members side by side (one column
// each: role, running or UNREACHABLE, election, term, commit position, lag, last snapshot, elections), their lag
// over time, and the leader changes seen (a new leader or a new term), listed with their time and handed back so that
// every chart marks them.
import { TimeSeries } from './charts.js';

const COLOURS = ['#7aa2f7', '#9ece6a', '#e0af68', '#bb9af7', '#7dcfff'];
const changes = [];
let lagChart = null;
let lagMembers = '';
let lastLeader = null;
let lastTerm = null;

const count = value => (value === null || value === undefined ? '-' : Number(value).toLocaleString('en'));

function cell(tag, text, name) {
    const el = document.createElement(tag);
    el.textContent = text;
    if (name) {
        el.dataset.name = name;
    }
    return el;
}

// A member asked over the network that did not answer (reachable 0; null where the members are read on their host)
// shows as such, without the figures of its last answer.
const unreachable = m => m.reachable === 0;

function renderTable(members) {
    const rows = [
        ['role', m => m.role],
        ['running', m => (unreachable(m) ? 'UNREACHABLE' : m.running === 1 ? 'yes' : 'no')],
        ['election', m => (m.electing === 1 ? 'YES' : 'no')],
        ['term', m => count(m.term)],
        ['commit position', m => count(m.commit)],
        ['lag, bytes', m => count(m.lag)],
        ['last snapshot', m => count(m.snapshot)],
        ['elections', m => count(m.elections)]
    ];
    const head = document.createElement('tr');
    head.append(cell('th', 'member'), ...members.map(m => {
        const th = cell('th', m.id);
        th.className = unreachable(m) ? 'unreachable' : m.role === 'leader' ? 'leader' : '';
        return th;
    }));
    const body = rows.map(([name, value]) => {
        const tr = document.createElement('tr');
        tr.append(cell('th', name), ...members.map(m => {
            const td = cell('td', unreachable(m) && name !== 'running' ? '-' : value(m), name);
            td.dataset.member = m.id;
            td.className = unreachable(m) ? 'unreachable' : m.role === 'leader' ? 'leader' : '';
            return td;
        }));
        return tr;
    });
    document.getElementById('members').replaceChildren(head, ...body);
}

function renderLag(members, timeMillis) {
    const ids = members.map(m => m.id).join(',');
    if (lagChart === null || ids !== lagMembers) {
        const element = document.getElementById('chart-lag');
        element.replaceChildren();
        lagChart = new TimeSeries(element, members.map(m => 'member ' + m.id),
            members.map((m, i) => COLOURS[i % COLOURS.length]));
        lagMembers = ids;
    }
    lagChart.add(timeMillis, members.map(m => m.lag));
}

// Returns the label of a leader change seen in this update, or null.
function leaderChange(c, members) {
    const leaders = members.filter(m => m.role === 'leader' && m.running === 1).map(m => m.id);
    const leader = leaders.length === 1 ? leaders[0] : null;
    let change = null;
    if (lastTerm !== null && (c.term !== lastTerm || (leader !== null && leader !== lastLeader))) {
        change = 'term ' + c.term + (leader !== null ? ', leader ' + leader : '');
    }
    lastTerm = c.term;
    if (leader !== null) {
        lastLeader = leader;
    }
    return change;
}

export function renderCluster(c, timeMillis) {
    const card = document.getElementById('cluster-card');
    if (!c) {
        card.hidden = true;
        return null;
    }
    card.hidden = false;
    const members = c.members || [];
    renderTable(members);
    renderLag(members, timeMillis);
    const change = leaderChange(c, members);
    if (change !== null) {
        changes.unshift([new Date(timeMillis).toISOString().substring(11, 19), change]);
        changes.splice(10);
        lagChart.mark(timeMillis, change);
    }
    const list = document.getElementById('leader-changes');
    list.dataset.count = String(changes.length);
    list.replaceChildren(...(changes.length ? changes : [['leader changes', 'none seen']]).flatMap(([time, what]) =>
        [cell('dt', time), cell('dd', what)]));
    return change;
}
