// Draw a classifier's view of the plane on a <canvas>: the probabilities Python computed over a grid (0–255 for
// P(class 1)) as a soft background, and the points on top. Class 0 is orange circles, class 1 blue squares
// (Okabe–Ito colours, and two shapes, so colour is never the only cue).

import { COLOURS, themeColour } from "./palette.js";

const CLASS_COLOURS = [
  [0xe6, 0x9f, 0x00],
  [0x00, 0x72, 0xb2],
];
const SHADES = shades(); // P(class 1) × 255 → its RGBA, worked out once rather than per cell and frame
const small = new WeakMap(); // canvas → its gridSize × gridSize image, reused frame after frame

function shades() {
  const table = new Uint8ClampedArray(256 * 4);
  for (let v = 0; v < 256; v++) {
    const p = v / 255;
    for (let k = 0; k < 3; k++) table[v * 4 + k] = (1 - p) * CLASS_COLOURS[0][k] + p * CLASS_COLOURS[1][k];
    table[v * 4 + 3] = 40 + 120 * Math.abs(p - 0.5) * 2; // surer → stronger colour
  }
  return table;
}

function gridImage(canvas, gridSize) {
  let held = small.get(canvas);
  if (!held || held.image.width !== gridSize) {
    const offscreen = new OffscreenCanvas(gridSize, gridSize);
    held = { offscreen, context: offscreen.getContext("2d"), image: new ImageData(gridSize, gridSize) };
    small.set(canvas, held);
  }
  return held;
}

export function makeCanvas(figure, label) {
  const canvas = document.createElement("canvas");
  canvas.className = "knobs-lab__canvas";
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", label);
  const size = Math.round(360 * Math.min(2, devicePixelRatio || 1));
  canvas.width = size;
  canvas.height = size;
  figure.insertBefore(canvas, figure.firstChild);
  return canvas;
}

/** Paint `grid` (gridSize² numbers, row 0 at the bottom) and the point sets over the box [x0, x1, y0, y1]. */
export function drawBoundary(canvas, { grid, gridSize, box, sets }) {
  const context = canvas.getContext("2d");
  const { width, height } = canvas;
  const background = themeColour("--md-default-bg-color", "#fff");
  context.fillStyle = background;
  context.fillRect(0, 0, width, height);
  if (grid) {
    const { offscreen, context: offscreenContext, image } = gridImage(canvas, gridSize);
    for (let r = 0; r < gridSize; r++) {
      for (let c = 0; c < gridSize; c++) {
        const shade = grid[r * gridSize + c] * 4;
        const at = ((gridSize - 1 - r) * gridSize + c) * 4; // row 0 is the bottom of the plane
        image.data.set(SHADES.subarray(shade, shade + 4), at);
      }
    }
    offscreenContext.putImageData(image, 0, 0);
    context.imageSmoothingEnabled = true;
    context.drawImage(offscreen, 0, 0, width, height);
  }
  const [x0, x1, y0, y1] = box;
  const px = (x) => ((x - x0) / (x1 - x0)) * width;
  const py = (y) => height - ((y - y0) / (y1 - y0)) * height;
  const outline = themeColour("--md-default-fg-color", "#000");
  const unit = width / 360;
  for (const { points, labels, hollow = false, size = 4 } of sets) {
    for (let i = 0; i < points.length; i++) {
      const colour = labels[i] === 1 ? COLOURS.blue : COLOURS.orange;
      const x = px(points[i][0]);
      const y = py(points[i][1]);
      const s = size * unit;
      context.beginPath();
      if (labels[i] === 1) context.rect(x - s, y - s, 2 * s, 2 * s);
      else context.arc(x, y, s, 0, 2 * Math.PI);
      context.lineWidth = 1.2 * unit;
      if (hollow) {
        context.strokeStyle = colour;
        context.lineWidth = 2 * unit;
        context.stroke();
      } else {
        context.fillStyle = colour;
        context.fill();
        context.strokeStyle = outline;
        context.stroke();
      }
    }
  }
}
