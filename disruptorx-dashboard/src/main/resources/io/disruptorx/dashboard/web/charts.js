// Time series on uPlot (vendored, window.uPlot): the last five minutes of one point per metrics update.
const KEEP = 300;

export class TimeSeries {
    constructor(element, labels, colours) {
        this.element = element;
        this.data = [[]].concat(labels.map(() => []));
        const series = [{}].concat(labels.map((label, i) => ({
            label: label, stroke: colours[i], width: 1.5, spanGaps: true
        })));
        this.plot = new window.uPlot({
            width: this.width(),
            height: 220,
            series: series,
            scales: { x: { time: true } },
            axes: [{ stroke: '#8a96a3', grid: { stroke: '#2a3340' } },
                { stroke: '#8a96a3', grid: { stroke: '#2a3340' }, size: 60 }]
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

    resize() {
        this.plot.setSize({ width: this.width(), height: 220 });
    }
}
