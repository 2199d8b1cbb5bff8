// The shards card, shown when the page's host is a shard gateway: one row per shard (instruments, commands/s
// routed to it, link state) and the routing table's version, the move in progress, the commands held during moves
// and the new orders refused as halted while their instrument moved. A new routing table version (a move done, or
// a table applied) is listed under "Routing changes" and marked on the charts as a leader change is.
const count = value => (value === null || value === undefined ? '-' : Number(value).toLocaleString('en'));

function cell(tag, text, name, shard) {
    const el = document.createElement(tag);
    el.textContent = text;
    if (name) {
        el.dataset.name = name;
        el.dataset.shard = shard;
    }
    return el;
}

let lastVersion = null;
let movingSeen = null;
const routingChanges = [];

// Returns the label of a routing change seen in this update (a new table version), or null.
function routingChange(s) {
    if (s.moving !== null && s.moving >= 0) {
        movingSeen = s.moving;
    }
    let change = null;
    if (lastVersion !== null && s.version !== null && s.version !== lastVersion) {
        change = (movingSeen !== null ? 'instrument ' + movingSeen + ' moved, ' : '') + 'table v' + s.version;
        movingSeen = s.moving !== null && s.moving >= 0 ? s.moving : null;
    }
    if (s.version !== null) {
        lastVersion = s.version;
    }
    return change;
}

function renderRoutingChanges(change, timeMillis) {
    if (change !== null) {
        routingChanges.unshift([new Date(timeMillis).toISOString().substring(11, 19), change]);
        routingChanges.splice(10);
    }
    const list = document.getElementById('routing-changes');
    list.dataset.count = String(routingChanges.length);
    list.replaceChildren(...(routingChanges.length ? routingChanges : [['routing changes', 'none seen']])
        .flatMap(([time, what]) => [cell('dt', time), cell('dd', what)]));
}

export function renderShards(s, timeMillis) {
    const card = document.getElementById('shards-card');
    if (!s) {
        card.hidden = true;
        return null;
    }
    card.hidden = false;
    const head = document.createElement('tr');
    head.append(...['shard', 'instruments', 'commands/s', 'link'].map(name => cell('th', name)));
    const rows = s.list.map(shard => {
        const tr = document.createElement('tr');
        tr.className = shard.link === 1 ? '' : 'down';
        tr.append(cell('th', shard.name), cell('td', count(shard.instruments), 'instruments', shard.name),
            cell('td', count(shard.rate), 'rate', shard.name),
            cell('td', shard.link === 1 ? 'up' : 'DOWN', 'link', shard.name));
        return tr;
    });
    document.getElementById('shards').replaceChildren(head, ...rows);
    const moves = document.getElementById('moves');
    const items = [
        ['routing table version', count(s.version)],
        ['move in progress', s.moving === null || s.moving < 0 ? 'none' : 'instrument ' + s.moving],
        ['commands held during moves', count(s.held)],
        ['orders refused, instrument moving', count(s.halted)]
    ].flatMap(([name, value]) => {
        const dd = cell('dd', value);
        dd.dataset.name = name;
        return [cell('dt', name), dd];
    });
    moves.replaceChildren(...items);
    const change = routingChange(s);
    renderRoutingChanges(change, timeMillis);
    return change;
}
