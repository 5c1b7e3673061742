// Draw a loss surface seen from above on a <canvas>: the bands of equal loss Python computed over a grid of two
// knobs (band 0 the lowest, darkest), and the path the knobs took over it, from the start (a ring) to now (a dot).

import { COLOURS, themeColour } from "./palette.js";

const LOW = [0x00, 0x72, 0xb2]; // the lowest band: the data blue, fading band by band

/** Paint `bands` (gridSize² whole numbers, row 0 the lowest second knob) over the box [x0, x1, y0, y1], then the
 *  path (xs[i], ys[i]); a step that leaves the box is drawn to its edge (a diverging run jumps out of it). */
export function drawSurface(canvas, { bands, gridSize, box, xs, ys, labels }) {
  const context = canvas.getContext("2d");
  const { width, height } = canvas;
  context.fillStyle = themeColour("--md-default-bg-color", "#fff");
  context.fillRect(0, 0, width, height);
  const image = new ImageData(gridSize, gridSize);
  const top = Math.max(1, ...bands);
  for (let r = 0; r < gridSize; r++) {
    for (let c = 0; c < gridSize; c++) {
      const band = bands[r * gridSize + c];
      const at = ((gridSize - 1 - r) * gridSize + c) * 4; // row 0 is the bottom
      image.data.set(LOW, at);
      image.data[at + 3] = band % 2 ? 200 - 150 * (band / top) : 230 - 150 * (band / top); // alternate: bands show
    }
  }
  const small = new OffscreenCanvas(gridSize, gridSize);
  small.getContext("2d").putImageData(image, 0, 0);
  context.imageSmoothingEnabled = true;
  context.drawImage(small, 0, 0, width, height);

  const [x0, x1, y0, y1] = box;
  const px = (x) => ((x - x0) / (x1 - x0)) * width;
  const py = (y) => height - ((y - y0) / (y1 - y0)) * height;
  const unit = width / 360;
  context.save();
  context.beginPath();
  context.rect(0, 0, width, height);
  context.clip();
  context.strokeStyle = COLOURS.vermillion;
  context.fillStyle = COLOURS.vermillion;
  context.lineWidth = 2 * unit;
  context.beginPath();
  let drawing = false;
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] === null || ys[i] === null) break;
    if (drawing) context.lineTo(px(xs[i]), py(ys[i]));
    else context.moveTo(px(xs[i]), py(ys[i]));
    drawing = true;
  }
  context.stroke();
  for (let i = 0; i < xs.length && xs[i] !== null && ys[i] !== null; i++) {
    context.beginPath();
    context.arc(px(xs[i]), py(ys[i]), (i === 0 ? 4 : 2) * unit, 0, 2 * Math.PI);
    if (i === 0) context.stroke();
    else context.fill();
  }
  context.restore();
  context.fillStyle = themeColour("--md-default-fg-color", "#000");
  context.font = `${12 * unit}px sans-serif`;
  context.fillText(labels.x, 6 * unit, height - 6 * unit);
  context.save();
  context.translate(14 * unit, height - 24 * unit);
  context.rotate(-Math.PI / 2);
  context.fillText(labels.y, 0, 0);
  context.restore();
}
