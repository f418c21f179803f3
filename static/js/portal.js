// Small behaviours shared by every page. No inline scripts: the CSP forbids them.
document.addEventListener("DOMContentLoaded", () => {
  // Forms that ask for confirmation before a destructive action.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });

  // The error summary (templates/partials/error_summary.html) takes focus so it is read out first;
  // each link moves focus to its field and shows the field's label or legend too.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      const field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      const caption = field.closest("fieldset")?.querySelector("legend") || document.querySelector(`label[for="${field.id}"]`);
      (caption || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  // A filtered checkbox list (pcc_portal.core.forms.FilteredCheckboxSelectMultiple): typing narrows
  // the options shown; ticked ones stay in view. Without JavaScript it is a plain list of checkboxes.
  const groups = new Map();
  document.querySelectorAll("input[data-checkbox-filter]").forEach((input) => {
    const list = input.closest(".form-check")?.parentElement;
    if (list && !groups.has(list)) groups.set(list, input.dataset.checkboxFilter);
  });
  groups.forEach((noun, list) => {
    const options = Array.from(list.querySelectorAll(":scope > .form-check"));
    if (options.length < 8) return;
    const id = `${options[0].querySelector("input").name}-filter`;
    const wrapper = document.createElement("div");
    wrapper.className = "checkbox-filter mb-2";
    wrapper.innerHTML = `<label class="form-label" for="${id}"></label>
      <input type="search" class="form-control" id="${id}" autocomplete="off">
      <p class="form-text mb-0" role="status" aria-live="polite"></p>`;
    wrapper.querySelector("label").textContent = `Filter ${noun} by name`;
    const search = wrapper.querySelector("input");
    const status = wrapper.querySelector("[role=status]");
    list.before(wrapper);
    list.classList.add("checkbox-filter-list");
    const update = () => {
      const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      let chosen = 0;
      options.forEach((option) => {
        const checked = option.querySelector("input").checked;
        const match = checked || words.every((word) => option.textContent.toLowerCase().includes(word));
        option.hidden = !match;
        shown += match ? 1 : 0;
        chosen += checked ? 1 : 0;
      });
      status.textContent = words.length
        ? `${shown} of ${options.length} shown, ${chosen} chosen.`
        : `${chosen} of ${options.length} chosen.`;
    };
    search.addEventListener("input", update);
    // Enter in the filter box must not submit the form.
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
    list.addEventListener("change", update);
    update();
  });
});
