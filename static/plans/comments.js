// Select a passage of a section to comment on it: fills the section's comment form
// with the quoted words and their offsets in the section's text.
document.addEventListener("DOMContentLoaded", () => {
  const capture = () => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    const start = range.startContainer.nodeType === Node.ELEMENT_NODE ? range.startContainer : range.startContainer.parentElement;
    const text = start && start.closest(".plan-text");
    if (!text || !text.contains(range.endContainer)) return;
    const before = document.createRange();
    before.selectNodeContents(text);
    before.setEnd(range.startContainer, range.startOffset);
    const offset = before.toString().length;
    const quote = range.toString();
    if (!quote.trim()) return;
    const sectionId = text.dataset.section;
    const form = document.querySelector(`form[data-comment-form="${sectionId}"]`);
    if (!form) return;
    form.querySelector(`[name="s${sectionId}-quote"]`).value = quote.trim();
    const leading = quote.length - quote.trimStart().length;
    form.querySelector(`[name="s${sectionId}-quote_start"]`).value = offset + leading;
    form.querySelector(`[name="s${sectionId}-quote_end"]`).value = offset + leading + quote.trim().length;
    const details = form.closest("details");
    if (details) details.open = true;
    const status = form.querySelector("[data-selection-status]");
    if (status) status.textContent = "Passage selected: the comment form below now quotes it.";
  };
  document.querySelectorAll(".plan-text").forEach((text) => {
    text.addEventListener("mouseup", capture);
    text.addEventListener("keyup", capture);
  });
});

// Highlight the passages comments quote, where a passage lies within one run of text.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-quote-start][data-section]").forEach((thread) => {
    const text = document.querySelector(`.plan-text[data-section="${thread.dataset.section}"]`);
    if (!text) return;
    const start = Number(thread.dataset.quoteStart);
    const end = Number(thread.dataset.quoteEnd);
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent.length;
      if (start >= seen && end <= seen + length) {
        const range = document.createRange();
        range.setStart(node, start - seen);
        range.setEnd(node, end - seen);
        const mark = document.createElement("mark");
        mark.className = "quoted-passage";
        mark.title = "Quoted in a comment";
        range.surroundContents(mark);
        return;
      }
      seen += length;
    }
  });
});

// Skip links to a section's comment form: open the closed form and put the cursor in it.
document.addEventListener("DOMContentLoaded", () => {
  const openAndFocus = (id) => {
    const field = id && document.getElementById(id);
    if (!field) return false;
    const details = field.closest("details");
    if (details) details.open = true;
    field.focus();
    return true;
  };
  document.querySelectorAll("a[data-opens-comment]").forEach((link) => {
    link.addEventListener("click", (event) => {
      const id = link.getAttribute("href").slice(1);
      if (openAndFocus(id)) {
        event.preventDefault();
        history.replaceState(null, "", `#${id}`);
      }
    });
  });
  if (location.hash.startsWith("#id_s")) openAndFocus(location.hash.slice(1));
});
