// Draw a classifier's view of the plane on a <canvas>: the probabilities Python computed over a grid (0–255 for
// P(class 1)) as a soft background, and the points on top. Class 0 is orange circles, class 1 blue squares
// (Okabe–Ito colours, and two shapes, so colour is never the only cue).

import { COLOURS, themeColour } from "./palette.js";

const CLASS_COLOURS = [
  [0xe6, 0x9f, 0x00],
  [0x00, 0x72, 0xb2],
];
const SHADES = shades(); // P(class 1) × 255 → its RGBA, worked out once rather than per cell and frame
const PIXELS = 96; // about this many pixels across for the background, which the canvas then stretches smoothly
const small = new WeakMap(); // canvas → its background image, reused frame after frame

function shades() {
  const table = new Uint8ClampedArray(256 * 4);
  for (let v = 0; v < 256; v++) {
    const p = v / 255;
    for (let k = 0; k < 3; k++) table[v * 4 + k] = (1 - p) * CLASS_COLOURS[0][k] + p * CLASS_COLOURS[1][k];
    table[v * 4 + 3] = 40 + 120 * Math.abs(p - 0.5) * 2; // surer → stronger colour
  }
  return table;
}

function gridImage(canvas, size) {
  let held = small.get(canvas);
  if (!held || held.image.width !== size) {
    const offscreen = new OffscreenCanvas(size, size);
    held = { offscreen, context: offscreen.getContext("2d"), image: new ImageData(size, size) };
    small.set(canvas, held);
  }
  return held;
}

/** Paint the grid's values into `image` (size × size, row 0 at the top), blending the value — not the colour —
 *  linearly between the grid's points, so a coarse grid still draws an even boundary (blending colours, whose
 *  alpha dips at P = 0.5, would bead it at every grid point). */
function paintGrid(image, grid, gridSize, size) {
  const spacing = (gridSize - 1) / (size - 1); // grid cells per image pixel
  for (let r = 0; r < size; r++) {
    const row = Math.min(Math.floor(r * spacing), gridSize - 2);
    const up = r * spacing - row;
    for (let c = 0; c < size; c++) {
      const column = Math.min(Math.floor(c * spacing), gridSize - 2);
      const right = c * spacing - column;
      const at = row * gridSize + column;
      const below = grid[at] * (1 - right) + grid[at + 1] * right;
      const above = grid[at + gridSize] * (1 - right) + grid[at + gridSize + 1] * right;
      const shade = Math.round(below * (1 - up) + above * up) * 4;
      image.data.set(SHADES.subarray(shade, shade + 4), ((size - 1 - r) * size + c) * 4); // row 0: bottom
    }
  }
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
    const size = (gridSize - 1) * Math.max(1, Math.round(PIXELS / (gridSize - 1))) + 1; // a pixel on every point
    const { offscreen, context: offscreenContext, image } = gridImage(canvas, size);
    paintGrid(image, grid, gridSize, size);
    offscreenContext.putImageData(image, 0, 0);
    context.imageSmoothingEnabled = true;
    // The grid's points include the box's edges: stretch the image so each pixel's centre lands on its place.
    const pixelWidth = width / (size - 1);
    const pixelHeight = height / (size - 1);
    context.drawImage(offscreen, -pixelWidth / 2, -pixelHeight / 2, width + pixelWidth, height + pixelHeight);
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
