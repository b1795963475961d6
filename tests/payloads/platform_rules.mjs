// Documented rules that no type declaration can express (lengths, counts, sizes, Telegram's
// HTML subset), from shared/docs/chat-webhooks-and-systemd.md (section in brackets). A payload
// that breaks one is rejected by the platform (Slack invalid_blocks, Discord 50035, Telegram
// "can't parse entities" or "message is too long", 413s) just like a misspelt field.
// JavaScript string lengths are UTF-16 code units, which is how Slack, Discord and Telegram
// count.

const bytes = (value) =>
  Buffer.byteLength(typeof value === "string" ? value : JSON.stringify(value));
const codePoints = (text) => [...text].length;

function within(problems, what, length, min, max) {
  if (length < min || length > max) {
    problems.push(`${what}: length ${length} not in [${min}, ${max}]`);
  }
}

// [A.1] Block Kit: at most 50 blocks, header text 1-150, section text 1-3,000; keep the
// fallback text under 4,000.
function slack(body, problems) {
  within(problems, "text", (body.text ?? "").length, 1, 4000);
  const blocks = body.blocks ?? [];
  within(problems, "blocks", blocks.length, 0, 50);
  blocks.forEach((block, i) => {
    if (block.type === "header") {
      within(problems, `blocks[${i}].text`, block.text.text.length, 1, 150);
    }
    if (block.type === "section" && block.text) {
      within(problems, `blocks[${i}].text`, block.text.text.length, 1, 3000);
    }
  });
}

// [A.2] content 2,000; per embed title 256, description 4,096, 25 fields (name 256, value
// 1,024), footer 2,048, author 256; all embed text together 6,000; never an empty message.
function discord(body, problems) {
  const content = body.content ?? "";
  within(problems, "content", content.length, 0, 2000);
  const embeds = body.embeds ?? [];
  within(problems, "embeds", embeds.length, 0, 10);
  if (content.length === 0 && embeds.length === 0) problems.push("neither content nor embeds");
  let total = 0;
  embeds.forEach((embed, i) => {
    const texts = [
      ["title", embed.title ?? "", 256],
      ["description", embed.description ?? "", 4096],
      ["footer.text", embed.footer?.text ?? "", 2048],
      ["author.name", embed.author?.name ?? "", 256],
    ];
    const fields = embed.fields ?? [];
    within(problems, `embeds[${i}].fields`, fields.length, 0, 25);
    fields.forEach((field, f) => {
      texts.push([`fields[${f}].name`, field.name, 256], [`fields[${f}].value`, field.value, 1024]);
    });
    for (const [name, text, max] of texts) {
      within(problems, `embeds[${i}].${name}`, text.length, 0, max);
      total += text.length;
    }
  });
  within(problems, "all embed text", total, 0, 6000);
}

// [A.5] parse_mode HTML takes only the documented tags, properly nested, and only the four
// named entities plus numeric ones; anything else is "can't parse entities".
const kTelegramTags = new Set([
  "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
  "blockquote", "span", "tg-spoiler", "tg-emoji",
]);
function telegramHtml(text, problems) {
  const open = [];
  const outside = text.replace(/<(\/?)([a-z-]+)((?:\s[^<>]*)?)>/g, (tag, closing, name) => {
    if (!kTelegramTags.has(name)) problems.push(`tag <${name}> is not one Telegram parses`);
    if (!closing) open.push(name);
    else if (open.pop() !== name) problems.push(`</${name}> does not close the open tag`);
    return "";
  });
  if (open.length > 0) problems.push(`unclosed tags: ${open.join(", ")}`);
  if (/[<>]/.test(outside)) problems.push("a bare < or > outside the markup");
  if (/&(?!(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);)/i.test(outside)) {
    problems.push("an & that starts no entity Telegram knows");
  }
}

// [A.5] text 1-4,096 characters after entity parsing (HTML tags dropped, entities decoded).
function telegram(body, problems) {
  if (body.text === undefined) return;
  if (body.parse_mode === "HTML") telegramHtml(body.text, problems);
  const shown = body.text
    .replace(/<[^>]*>/g, "")
    .replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, "x");
  within(problems, "text after entity parsing", shown.length, 1, 4096);
}

// [A.6] the whole event ≤ 65,536 bytes; the content leaves room for the server's envelope.
function matrix(body, problems) {
  within(problems, "content bytes", bytes(body), 1, 64000);
}

// [A.4] about 28 KB per message, all elements included.
function teams(body, problems) {
  within(problems, "message bytes", bytes(body), 1, 28000);
}

// [A.3] one post of up to 4,000 characters: longer webhook text is split into several posts
// on servers with the old schema.
function mattermost(body, problems) {
  within(problems, "text", codePoints(body.text ?? ""), 1, 4000);
}

// [A.7] 32,000 bytes per message; threadKey up to 4,000 characters.
function googleChat(body, problems) {
  within(problems, "message bytes", bytes(body), 1, 32000);
  if (body.thread?.threadKey !== undefined) {
    within(problems, "thread.threadKey", body.thread.threadKey.length, 1, 4000);
  }
}

// [A.8] a message above 4,096 bytes becomes an attachment; topics are [-_A-Za-z0-9]{1,64}.
function ntfy(body, problems) {
  within(problems, "message bytes", bytes(body.message ?? ""), 0, 4096);
  if (!/^[-_A-Za-z0-9]{1,64}$/.test(body.topic)) problems.push(`topic ${body.topic} is invalid`);
}

const checks = {
  slack,
  discord,
  telegram,
  matrix,
  teams,
  mattermost,
  google_chat: googleChat,
  ntfy,
  webhook: () => {},
};

// The documented rules a fixture breaks, as messages; empty when it keeps them all.
export function ruleProblems(fixture) {
  const problems = [];
  const check = checks[fixture.type];
  if (!check) return [`no rules known for output type ${fixture.type}`];
  check(fixture.body, problems);
  return problems;
}
