// WCAG AA contrast of every visible text node, from computed colours. axe-core leaves out text
// it cannot judge (Arabic script among it), so this check holds every language to one bar.
// Returns the failures: [{text, selector, ratio, needed, color, background}].
() => {
  const parse = (value) => {
    const m = value.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const parts = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  };
  const over = (top, bottom) => {
    const a = top.a + bottom.a * (1 - top.a);
    if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
    const mix = (k) => (top[k] * top.a + bottom[k] * bottom.a * (1 - top.a)) / a;
    return { r: mix("r"), g: mix("g"), b: mix("b"), a };
  };
  const luminance = (c) => {
    const channel = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  // The colour behind an element: its own background over its ancestors', down to the canvas.
  // Returns null when an image or gradient is in the way (then the colour cannot be known).
  const backgroundOf = (element) => {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage !== "none") return null;
      const colour = parse(style.backgroundColor);
      if (colour && colour.a > 0) layers.push(colour);
      if (colour && colour.a === 1) break;
    }
    let result = { r: 255, g: 255, b: 255, a: 1 };
    const canvas = parse(getComputedStyle(document.documentElement).backgroundColor);
    if (canvas && canvas.a > 0) result = over(canvas, result);
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const hidden = (element) => {
    if (element.closest("template, [hidden], dialog:not([open]), .visually-hidden, [aria-hidden=true]")) {
      return true;
    }
    const style = getComputedStyle(element);
    if (style.visibility !== "visible" || style.display === "none") return true;
    for (let node = element; node; node = node.parentElement) {
      if (Number(getComputedStyle(node).opacity) === 0) return true;
    }
    const box = element.getBoundingClientRect();
    return box.width <= 1 || box.height <= 1;
  };
  const selectorOf = (element) => {
    const parts = [];
    for (let node = element; node && node !== document.body && parts.length < 4; node = node.parentElement) {
      let part = node.tagName.toLowerCase();
      if (node.id) { parts.unshift(`${part}#${node.id}`); break; }
      if (node.classList.length) part += "." + [...node.classList].join(".");
      parts.unshift(part);
    }
    return parts.join(" > ");
  };
  const failures = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (!text.textContent.trim()) continue;
    const element = text.parentElement;
    if (!element || seen.has(element) || ["SCRIPT", "STYLE", "NOSCRIPT"].includes(element.tagName)) continue;
    seen.add(element);
    if (hidden(element)) continue;
    const style = getComputedStyle(element);
    const background = backgroundOf(element);
    if (!background) continue;
    const colour = over(parse(style.color), background);
    const size = parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    const needed = large ? 3 : 4.5;
    const value = ratio(colour, background);
    if (value < needed) {
      const hex = (c) => "#" + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
      failures.push({
        text: text.textContent.trim().slice(0, 40),
        selector: selectorOf(element),
        ratio: Math.floor(value * 100) / 100,
        needed,
        color: hex(colour),
        background: hex(background),
      });
    }
  }
  return failures;
}
