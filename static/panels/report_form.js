// The agenda report form without a round trip: "Add a paragraph" adds a blank
// paragraph in the page, and "Move up"/"Move down" reorder paragraphs by
// setting their Position fields. Without this script the same form works by
// posting back (add) and by typing positions (move); removing is the
// "Remove this paragraph" box either way.
document.addEventListener("DOMContentLoaded", () => {
  const list = document.getElementById("report-paragraphs");
  const template = document.getElementById("paragraph-template");
  const addButton = document.getElementById("add-paragraph");
  const status = document.getElementById("paragraph-status");
  if (!list || !template || !addButton) return;
  const prefix = list.dataset.prefix;
  const max = parseInt(list.dataset.max, 10);
  const total = document.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);

  const blocks = () => Array.from(list.querySelectorAll(":scope > .report-paragraph-form"));
  const say = (message) => { status.textContent = message; };

  const renumber = () => {
    blocks().forEach((block, index) => {
      const order = block.querySelector('input[name$="-ORDER"]');
      if (order) order.value = index + 1;
      const legend = block.querySelector("legend");
      if (legend) legend.textContent = `Paragraph at position ${index + 1}`;
      const up = block.querySelector("[data-move='up']");
      const down = block.querySelector("[data-move='down']");
      if (up) up.disabled = index === 0;
      if (down) down.disabled = index === blocks().length - 1;
    });
  };

  const move = (block, direction) => {
    const sibling = direction === "up" ? block.previousElementSibling : block.nextElementSibling;
    if (!sibling) return;
    if (direction === "up") list.insertBefore(block, sibling);
    else list.insertBefore(sibling, block);
    renumber();
    const button = block.querySelector(`[data-move='${direction}']`);
    (button && !button.disabled ? button : block.querySelector("[data-move]")).focus();
    say(`Paragraph moved to position ${blocks().indexOf(block) + 1}.`);
  };

  const addMoveButtons = (block) => {
    const bar = document.createElement("div");
    bar.className = "paragraph-move mb-2";
    for (const [direction, label] of [["up", "Move up"], ["down", "Move down"]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-secondary me-2";
      button.dataset.move = direction;
      button.textContent = label;
      button.addEventListener("click", () => move(block, direction));
      bar.appendChild(button);
    }
    block.querySelector("legend").after(bar);
  };

  blocks().forEach(addMoveButtons);
  renumber();

  addButton.addEventListener("click", (event) => {
    event.preventDefault();
    const count = parseInt(total.value, 10);
    if (count >= max) {
      say(`A report takes at most ${max} paragraphs.`);
      return;
    }
    const html = template.innerHTML.replace(/__prefix__/g, String(count));
    const holder = document.createElement("div");
    holder.innerHTML = html;
    const block = holder.firstElementChild;
    list.appendChild(block);
    total.value = count + 1;
    addMoveButtons(block);
    renumber();
    const first = block.querySelector("input:not([type=hidden]), textarea");
    if (first) first.focus();
    say(`Paragraph added at position ${blocks().length}.`);
  });
});
