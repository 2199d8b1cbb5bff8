// Time series on uPlot (vendored, window.uPlot): the last five minutes of one point per metrics update, and
// marks (a leader change: a dashed vertical line with its label) drawn over the series while they are in range.
// The y axis reads large values compactly (950k, 1M, 1.05M: as many decimals as the step between ticks needs) and
// is as wide as its widest label in the axis font, so no label is cut whatever the values' magnitude.
const KEEP = 300;
const AXIS_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';
const MIN_AXIS_WIDTH = 50;
const LABEL_MARGIN = 4;
const UNITS = [[1e9, 'G'], [1e6, 'M'], [1e3, 'k'], [1, '']];
const measuring = document.createElement('canvas').getContext('2d');

// Digits after the point that a step between ticks needs once divided by a unit (0.25 -> 2, 50 -> 0).
function decimals(step) {
    const fraction = String(Number(step.toPrecision(6))).split('.')[1];
    return fraction === undefined ? 0 : Math.min(6, fraction.length);
}

function compact(value, step) {
    const magnitude = Math.abs(value);
    const [unit, suffix] = UNITS.find(([unit]) => magnitude >= unit) || UNITS[UNITS.length - 1];
    return String(Number((value / unit).toFixed(decimals(step / unit)))) + suffix;
}

// The labels drawn are also left in the chart's data-y-labels, as data-points counts its points.
function yLabels(element, splits, step) {
    const labels = splits.map(value => (value === null ? '' : compact(value, step)));
    element.dataset.yLabels = labels.filter(label => label !== '').join(' ');
    return labels;
}

// uPlot asks before it has labels (null) and again after each layout pass until the width stays the same.
function yAxisWidth(u, labels, axisIndex) {
    if (labels === null) {
        return MIN_AXIS_WIDTH;
    }
    const axis = u.axes[axisIndex];
    measuring.font = AXIS_FONT;
    const widest = labels.reduce((most, label) => Math.max(most, measuring.measureText(label).width), 0);
    const ticks = axis.ticks.show ? axis.ticks.size : 0;
    return Math.max(MIN_AXIS_WIDTH, Math.ceil(widest + ticks + axis.gap + LABEL_MARGIN));
}

function drawMarks(u, marks) {
    const ctx = u.ctx;
    const min = u.scales.x.min;
    const max = u.scales.x.max;
    ctx.save();
    ctx.strokeStyle = '#f7768e';
    ctx.fillStyle = '#f7768e';
    ctx.setLineDash([5, 4]);
    ctx.lineWidth = 1.5 * devicePixelRatio;
    ctx.font = (11 * devicePixelRatio) + 'px sans-serif';
    for (const mark of marks) {
        if (min === undefined || mark.x < min || mark.x > max) {
            continue;
        }
        const x = Math.round(u.valToPos(mark.x, 'x', true));
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
        const width = ctx.measureText(mark.label).width;
        const right = x + 4 + width <= u.bbox.left + u.bbox.width;
        ctx.fillText(mark.label, right ? x + 4 : x - 4 - width, u.bbox.top + 12 * devicePixelRatio);
    }
    ctx.restore();
}

export class TimeSeries {
    constructor(element, labels, colours) {
        this.element = element;
        this.data = [[]].concat(labels.map(() => []));
        this.marks = [];
        const series = [{}].concat(labels.map((label, i) => ({
            label: label, stroke: colours[i], width: 1.5, spanGaps: true
        })));
        this.plot = new window.uPlot({
            width: this.width(),
            height: 220,
            series: series,
            scales: { x: { time: true } },
            hooks: { draw: [u => drawMarks(u, this.marks)] },
            axes: [{ stroke: '#8a96a3', grid: { stroke: '#2a3340' } },
                { stroke: '#8a96a3', grid: { stroke: '#2a3340' }, font: AXIS_FONT, size: yAxisWidth,
                    values: (u, splits, axisIndex, space, step) => yLabels(element, splits, step) }]
        }, this.data, element);
    }

    width() {
        return Math.max(280, this.element.clientWidth || 600);
    }

    add(timeMillis, values) {
        this.data[0].push(timeMillis / 1000);
        values.forEach((value, i) => this.data[i + 1].push(value === undefined ? null : value));
        if (this.data[0].length > KEEP) {
            this.data.forEach(column => column.shift());
        }
        this.plot.setData(this.data);
        const points = this.data.slice(1).reduce((count, column) =>
            count + column.filter(value => value !== null).length, 0);
        this.element.dataset.points = String(points);
    }

    mark(timeMillis, label) {
        this.marks.push({ x: timeMillis / 1000, label: label });
        const first = this.data[0].length ? this.data[0][0] : timeMillis / 1000;
        this.marks = this.marks.filter(mark => mark.x >= first);
        this.element.dataset.marks = String(this.marks.length);
        this.plot.redraw(false);
    }

    resize() {
        this.plot.setSize({ width: this.width(), height: 220 });
    }
}
