// One-second candles of the shown instrument (the server sends the newest ones as they change; format in
// docs/dashboard.md), drawn on a canvas: the last 60 seconds, volume bars below.
const canvas = document.getElementById('candles');
const SHOWN = 60;
let instrument = null;
const bySecond = new Map();

export function renderCandles(update) {
    if (update.reset || update.i !== instrument) {
        bySecond.clear();
        instrument = update.i;
    }
    update.c.forEach(c => bySecond.set(c[0], c));
    const seconds = [...bySecond.keys()].sort((a, b) => a - b);
    seconds.slice(0, Math.max(0, seconds.length - 2 * SHOWN)).forEach(second => bySecond.delete(second));
    draw();
}

export function clearCandles(newInstrument) {
    if (newInstrument !== instrument) {
        bySecond.clear();
        instrument = newInstrument;
        draw();
    }
}

function draw() {
    const ctx = canvas.getContext('2d');
    const width = canvas.width = canvas.clientWidth || 300;
    const height = canvas.height;
    ctx.clearRect(0, 0, width, height);
    const candles = [...bySecond.values()].sort((a, b) => a[0] - b[0]).slice(-SHOWN);
    canvas.dataset.count = String(candles.length);
    const last = candles[candles.length - 1];
    canvas.dataset.last = last ? last.slice(1).join(' ') : '';
    if (!last) {
        return;
    }
    const priceHeight = height * 0.75;
    const high = Math.max(...candles.map(c => c[2]));
    const low = Math.min(...candles.map(c => c[3]));
    const maxVolume = Math.max(...candles.map(c => c[5]));
    const range = Math.max(1, high - low);
    const y = price => 4 + (priceHeight - 8) * (high - price) / range;
    const step = width / SHOWN;
    const end = last[0];
    candles.forEach(c => {
        const x = width - (end - c[0] + 1) * step + step / 2;
        const up = c[4] >= c[1];
        ctx.strokeStyle = ctx.fillStyle = up ? '#3fb97f' : '#e5605b';
        ctx.beginPath();
        ctx.moveTo(x, y(c[2]));
        ctx.lineTo(x, y(c[3]));
        ctx.stroke();
        const top = y(Math.max(c[1], c[4]));
        ctx.fillRect(x - step * 0.35, top, step * 0.7, Math.max(1, y(Math.min(c[1], c[4])) - top));
        const bar = (height - priceHeight - 4) * c[5] / maxVolume;
        ctx.globalAlpha = 0.5;
        ctx.fillRect(x - step * 0.35, height - bar, step * 0.7, bar);
        ctx.globalAlpha = 1;
    });
    ctx.fillStyle = '#8a96a3';
    ctx.font = '11px system-ui';
    ctx.fillText(String(high), 2, 12);
    ctx.fillText(String(low), 2, priceHeight - 2);
}
