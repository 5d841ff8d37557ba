// The copy buttons of a page: a button with `data-copy="ID"` copies the text of the element with
// that id, and says so with its `data-done` wording. Without script the buttons stay hidden and
// the text can be selected by hand.
"use strict";
for (const button of document.querySelectorAll("button[data-copy]")) {
  const source = document.getElementById(button.dataset.copy);
  if (!source) continue;
  const label = button.textContent;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(source.textContent);
    } catch {
      window.getSelection().selectAllChildren(source);
      return;
    }
    button.textContent = button.dataset.done || label;
    setTimeout(() => { button.textContent = label; }, 2000);
  });
}
