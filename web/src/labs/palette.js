// The labs' colours: Okabe–Ito for data (told apart with every common colour-vision deficiency), and the theme's
// own colours for everything around it (so light and dark mode both work).

export const COLOURS = {
  orange: "#E69F00",
  sky: "#56B4E9",
  green: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  purple: "#CC79A7",
};

/** A colour from the theme (works in light and dark mode). */
export function themeColour(name, fallback = "#888") {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value || fallback;
}
