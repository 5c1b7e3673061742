// Lab "retrieval": pick a person and how many facts to retrieve; Python searches the knowledge base (TF-IDF scores),
// builds the prompt, lets the model answer and says why. This script lists the scored facts, writes the prompt with
// the retrieved text marked and a line under each word as thick as the attention the answer's position gives it.

import { formatNumber } from "./format.js";
import { t } from "../words.js";

export async function start(lab) {
  const documents = document.createElement("ol");
  documents.className = "knobs-lab__documents";
  lab.chart("documents").prepend(documents);
  const prompt = document.createElement("p");
  prompt.className = "knobs-lab__prompt";
  prompt.setAttribute("aria-live", "polite");
  lab.chart("prompt").prepend(prompt);

  function listDocuments(answer) {
    documents.replaceChildren(
      ...answer.documents.map((document_) => {
        const item = document.createElement("li");
        item.dataset.retrieved = String(document_.retrieved);
        const score = formatNumber(document_.score, 3);
        item.textContent = document_.retrieved
          ? t("{fact} — score {score} (retrieved)", { fact: document_.text, score })
          : t("{fact} — score {score}", { fact: document_.text, score });
        return item;
      }),
    );
  }

  function writePrompt(answer) {
    // the prompt's words in order, each with its attention; the parts say which words were retrieved
    const words = [];
    for (const part of answer.parts) for (const word of part.text.split(" ")) words.push([word, part.retrieved]);
    const weights = answer.weights.slice(answer.tokens.length - words.length); // the leading newline has no word
    prompt.replaceChildren();
    let mark = null;
    words.forEach(([word, retrieved], i) => {
      const span = document.createElement("span");
      span.textContent = word;
      span.dataset.weight = weights[i].toFixed(3);
      span.style.borderBottomWidth = `${1 + Math.round(weights[i] * 12)}px`;
      span.title = t("attention {share}%", { share: (weights[i] * 100).toFixed(0) });
      if (retrieved) {
        if (!mark) {
          mark = document.createElement("mark");
          prompt.append(mark);
        }
        mark.append(span, " ");
      } else {
        mark = null;
        prompt.append(span, " ");
      }
    });
  }

  const ask = lab.latest(async () => {
    const answer = await lab.request("ask");
    listDocuments(answer);
    writePrompt(answer);
    lab.out("answer", `${answer.answer || t("(nothing)")} ${answer.right ? "✓" : "✗"}`);
    lab.out("truth", answer.truth);
    lab.out("bare", `${answer.bare_answer || t("(nothing)")} ${answer.bare_right ? "✓" : "✗"}`);
    lab.chart("documents").querySelector("figcaption").textContent = t(
      "The knowledge base searched for “{query}”: each fact's TF-IDF score, best first.",
      {
        query: answer.query,
      },
    );
    lab.chart("prompt").querySelector("figcaption").textContent = t(
      "The prompt the model reads, retrieved text marked; the line under each word: how much {looker} looks at it from the answer's position.",
      { looker: answer.looker },
    );
    lab.setStatus(answer.why);
    lab.root.dataset.asked = String(Number(lab.root.dataset.asked || 0) + 1);
  });
  lab.onChange(() => ask());
  await ask();
  lab.enable();
}
