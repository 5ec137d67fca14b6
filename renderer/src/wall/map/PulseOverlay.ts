import { livePulses, type Pulse, pulseAlpha, pulseRadiusPx } from './pulses.pure';

/**
 * Rings are redrawn this often while any is alive. A software compositor (no GPU) recomposites the
 * wall for every changed frame, so smooth 60 fps rings would cost a core for as long as appeals
 * arrive; five steps a second read as a pulse from across the room.
 */
const PULSE_STEP_MS = 200;
/**
 * The canvas holds a quarter of the screen's pixels, stretched by CSS: each step copies the whole
 * bitmap to the compositor, and a soft ring loses nothing at half resolution.
 */
const RESOLUTION = 0.5;

/**
 * New appeals' rings, drawn on a 2D canvas above the map. Not a WebGL layer: in software WebGL
 * every redraw of a full-screen WebGL canvas is read back on the main thread, holding up every
 * message behind it for hundreds of milliseconds. `willReadFrequently` keeps this canvas in
 * memory (no GPU readback either); an idle wall draws nothing.
 */
export class PulseOverlay {
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private pulses: Pulse[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private drawn = false;

  constructor(
    private readonly parent: HTMLElement,
    private readonly project: (lon: number, lat: number) => { x: number; y: number },
    private readonly scale: number,
    private readonly max: number,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'wall-pulses';
    this.canvas.dataset.testid = 'wall-pulses';
    parent.appendChild(this.canvas);
    this.ctx = this.canvas.getContext('2d', { willReadFrequently: true })!;
  }

  /** Rings currently alive. */
  get size(): number {
    return livePulses(this.pulses, performance.now()).length;
  }

  add(born: readonly Pulse[], now: number): void {
    if (born.length === 0) return;
    const all = [...livePulses(this.pulses, now), ...born];
    this.pulses = all.length > this.max ? all.slice(all.length - this.max) : all;
    this.draw();
  }

  /** The camera moved: rings stay where their appeals happened. */
  reproject(): void {
    if (this.pulses.length > 0) this.draw();
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pulses = [];
    this.canvas.remove();
  }

  /** Draws now, then keeps stepping until the last ring has faded. */
  private draw(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = performance.now();
    this.pulses = livePulses(this.pulses, now);
    const width = Math.round(this.parent.clientWidth * RESOLUTION);
    const height = Math.round(this.parent.clientHeight * RESOLUTION);
    const ctx = this.ctx;
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    } else if (this.drawn) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, width, height);
    }
    this.drawn = this.pulses.length > 0;
    ctx.setTransform(RESOLUTION, 0, 0, RESOLUTION, 0, 0);
    ctx.lineWidth = Math.max(1.5, 2.5 * this.scale);
    for (const p of this.pulses) {
      const { x, y } = this.project(p.lon, p.lat);
      const r = pulseRadiusPx(p, now, this.scale);
      if (x < -r || y < -r || x > width / RESOLUTION + r || y > height / RESOLUTION + r) continue;
      const alpha = pulseAlpha(p, now) / 255;
      const rgb = p.acute ? '255, 90, 70' : '120, 230, 255';
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fillStyle = `rgba(${rgb}, ${(alpha / 3).toFixed(3)})`;
      ctx.fill();
      ctx.strokeStyle = `rgba(${rgb}, ${alpha.toFixed(3)})`;
      ctx.stroke();
    }
    if (this.pulses.length > 0) this.timer = setTimeout(() => this.draw(), PULSE_STEP_MS);
  }
}
