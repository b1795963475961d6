// The request body types every rendered fixture must satisfy, keyed by what
// check_payloads.mjs picks for it. Where a platform publishes SDK types on npm they are used
// as they are; only the envelope around them is written here, from the platform docs in
// shared/docs/chat-webhooks-and-systemd.md (section in brackets), and so are the whole types
// of the platforms without published ones (Mattermost, Google Chat, ntfy, our own webhook).
// Excess-property checks make an unknown field an error: that is what platforms reject.
import type { KnownBlock } from "@slack/types";
import type { IncomingWebhookSendArguments } from "@slack/webhook";
import type {
  RESTPatchAPIWebhookWithTokenMessageJSONBody,
  RESTPostAPIWebhookWithTokenJSONBody,
} from "discord-api-types/v10";
import type { Opts } from "@grammyjs/types";
import type {
  RoomMessageEventContent,
  RoomMessageTextEventContent,
} from "matrix-js-sdk/lib/@types/events";
import type { IEventRelation } from "matrix-js-sdk/lib/models/event";

// JSON carries strings where the SDKs declare string enums (Discord's, Matrix's MsgType and
// RelationType): `${E}` is the enum's wire value, so this turns each enum into its literals
// and leaves everything else, optional and `never` fields included, as declared.
export type Wire<T> = T extends string
  ? `${T}`
  : T extends readonly (infer Item)[]
    ? Wire<Item>[]
    : T extends object
      ? { [Key in keyof T]: Wire<T[Key]> }
      : T;

// [A.1] The body @slack/webhook sends, less the client's own options (fetch, timeout,
// retryConfig), with blocks narrowed to Block Kit's published KnownBlock union: the SDK also
// allows the generic `Block` ({type: string}), which would let any block through.
type SlackIncomingWebhook = Omit<
  IncomingWebhookSendArguments,
  "blocks" | "fetch" | "timeout" | "retryConfig"
> & { blocks?: KnownBlock[] };

// [A.4] The Workflows "post to a channel" message wrapping one Adaptive Card. The card itself
// is checked by the adaptivecards library's own parser and validator (see check_payloads.mjs).
interface TeamsWorkflowMessage {
  type: "message";
  attachments: {
    contentType: "application/vnd.microsoft.card.adaptive";
    contentUrl: string | null;
    content: { type: "AdaptiveCard"; version: string; [property: string]: unknown };
  }[];
}

// [A.3] Mattermost incoming webhook fields.
interface MattermostIncomingWebhook {
  text: string;
  channel?: string;
  username?: string;
  icon_url?: string;
  icon_emoji?: string;
  attachments?: object[];
  props?: { card?: string; [property: string]: unknown };
  type?: `custom_${string}`;
  priority?: { priority?: "" | "important" | "urgent"; requested_ack?: boolean };
}

// [A.7] Google Chat incoming webhook: a text message, optionally in a thread.
interface GoogleChatMessage {
  text?: string;
  thread?: { threadKey?: string; name?: string };
  cardsV2?: { cardId: string; card: object }[];
}

// [A.8] ntfy JSON publishing (POST to the server root).
interface NtfyPublish {
  topic: string;
  message?: string;
  title?: string;
  tags?: string[];
  priority?: 1 | 2 | 3 | 4 | 5;
  click?: string;
  markdown?: boolean;
  attach?: string;
  filename?: string;
  icon?: string;
  email?: string;
  call?: string;
  delay?: string;
  actions?: object[];
}

// [A.9] and README "Generic webhook": our own schema feedsentry.alert/v1.
type Rfc3339Utc = `${number}-${number}-${number}T${number}:${number}:${number}Z`;
interface FeedsentryAlertV1 {
  schema: "feedsentry.alert/v1";
  event: "alert.created" | "alert.followup";
  id: number;
  story_id: string;
  followup_of: number | null;
  headline: string;
  link: string;
  source: string;
  feed_tags: string[];
  published: Rfc3339Utc | null;
  detected_at: Rfc3339Utc;
  summary: string;
  score: number;
  topics: { id: string; title: string; score: number; terms: string[] }[];
  countries: string[];
  watchlist: {
    sdn_number: string;
    name: string;
    type: string;
    programs: string[];
    matched_alias: string;
  }[];
  also_reported: { source: string; title: string; link: string; published: Rfc3339Utc | null }[];
}

// [A.6] Matrix content types come from matrix-js-sdk itself (the lighter matrix-events-sdk
// models MSC1767 extensible events, not m.room.message); only its declarations are used, so
// it is installed with --ignore-scripts and its own engines field (Node 22) does not matter.
// Its RoomMessageEventContent types a relation as either a reply or an
// `rel_type` relation, never both; the spec's thread fallback carries both (is_falling_back
// plus m.in_reply_to), which the SDK itself models as IEventRelation. A thread reply is
// therefore the SDK's text content with the SDK's IEventRelation, narrowed to m.thread.
type MatrixThreadReply = RoomMessageTextEventContent & {
  "m.relates_to": IEventRelation & { rel_type: "m.thread"; event_id: string };
};

export interface Payloads {
  slack: SlackIncomingWebhook;
  "discord.POST": Wire<RESTPostAPIWebhookWithTokenJSONBody>;
  "discord.PATCH": Wire<RESTPatchAPIWebhookWithTokenMessageJSONBody>;
  teams: TeamsWorkflowMessage;
  "telegram.sendMessage": Wire<Opts<unknown>["sendMessage"]>;
  "telegram.editMessageText": Wire<Opts<unknown>["editMessageText"]>;
  matrix: Wire<RoomMessageEventContent>;
  "matrix.thread": Wire<MatrixThreadReply>;
  mattermost: MattermostIncomingWebhook;
  google_chat: GoogleChatMessage;
  ntfy: NtfyPublish;
  webhook: FeedsentryAlertV1;
}
