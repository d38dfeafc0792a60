// What a typical Ninetailed user ships: the client with a page event and a profile listener.
import { Ninetailed } from "@ninetailed/experience.js";

const ninetailed = new Ninetailed({ clientId: "abc123", environment: "main" });
ninetailed.onProfileChange((profile) => {
  document.body.dataset.audiences = String(profile.profile?.audiences?.length ?? 0);
});
ninetailed.page();
