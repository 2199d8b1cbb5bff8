// The ladder (asks above, bids below, best prices in the middle), the depth chart and the trade tape.
const ladderEl = document.getElementById('ladder');
const tapeEl = document.getElementById('tape');
const depthEl = document.getElementById('depth');
const TAPE_ROWS = 40;

function text(id, value) {
    document.getElementById(id).textContent = value === undefined || value === null ? '-' : String(value);
}

function row(kind, level) {
    const tr = document.createElement('tr');
    tr.className = kind;
    const cells = kind === 'bid' ?
        [level[2], level[1], level[0], '', ''] : ['', '', level[0], level[1], level[2]];
    cells.forEach((value, i) => {
        const td = document.createElement('td');
        td.textContent = String(value);
        if (i === 2) {
            td.className = 'price';
        } else if (value !== '') {
            td.className = kind;
        }
        tr.appendChild(td);
    });
    return tr;
}

function drawDepth(bids, asks) {
    const ctx = depthEl.getContext('2d');
    const width = depthEl.width = depthEl.clientWidth || 300;
    const height = depthEl.height;
    ctx.clearRect(0, 0, width, height);
    const cumulative = levels => {
        let sum = 0;
        return levels.map(level => [level[0], sum += level[1]]);
    };
    const b = cumulative(bids);
    const a = cumulative(asks);
    const prices = b.concat(a).map(point => point[0]);
    if (prices.length < 2) {
        return;
    }
    const low = Math.min(...prices);
    const high = Math.max(...prices);
    const top = Math.max(b.length ? b[b.length - 1][1] : 0, a.length ? a[a.length - 1][1] : 0);
    const x = price => (high === low ? width / 2 : (price - low) / (high - low) * (width - 4) + 2);
    const y = size => height - 2 - size / top * (height - 4);
    // steps outward from the best price: the size available at or beyond each price
    const area = (points, colour) => {
        if (!points.length) {
            return;
        }
        ctx.beginPath();
        ctx.moveTo(x(points[0][0]), height);
        let previous = 0;
        points.forEach(point => {
            ctx.lineTo(x(point[0]), y(previous));
            ctx.lineTo(x(point[0]), y(point[1]));
            previous = point[1];
        });
        const edge = points.length > 1 ? x(points[points.length - 1][0]) : x(points[0][0]);
        ctx.lineTo(edge, height);
        ctx.closePath();
        ctx.fillStyle = colour;
        ctx.strokeStyle = colour;
        ctx.fill();
        ctx.stroke();
    };
    area(b, 'rgba(63, 185, 127, 0.45)');
    area(a, 'rgba(229, 96, 91, 0.45)');
}

export function renderBook(book) {
    const bestBid = book.bids[0];
    const bestAsk = book.asks[0];
    text('best-bid-price', bestBid && bestBid[0]);
    text('best-bid-qty', bestBid && bestBid[1]);
    text('best-ask-price', bestAsk && bestAsk[0]);
    text('best-ask-qty', bestAsk && bestAsk[1]);
    text('last', book.trades > 0 ? book.last : null);
    text('volume', book.volume);
    text('book-state', 'instrument ' + book.i + (book.halted ? ' HALTED' : ''));
    const rows = book.asks.slice().reverse().map(level => row('ask', level))
        .concat(book.bids.map(level => row('bid', level)));
    ladderEl.replaceChildren(...rows);
    drawDepth(book.bids, book.asks);
}

export function resetTape() {
    tapeEl.replaceChildren();
}

export function renderTape(trades) {
    for (const trade of trades) {
        const tr = document.createElement('tr');
        tr.dataset.tradeId = String(trade[0]);
        const time = new Date(trade[1]).toISOString().substring(11, 23);
        [time, trade[2], trade[3], trade[4] === 'B' ? 'buy' : 'sell'].forEach((value, i) => {
            const td = document.createElement('td');
            td.textContent = String(value);
            if (i === 3) {
                td.className = trade[4];
            }
            tr.appendChild(td);
        });
        tapeEl.insertBefore(tr, tapeEl.firstChild);
    }
    while (tapeEl.children.length > TAPE_ROWS) {
        tapeEl.removeChild(tapeEl.lastChild);
    }
}
