import type { Messages } from "./types";

export const enNotifications: Messages["notifications"] = {
  title: "Notifications",
  erasedPerson: "A person whose account was erased",
  kinds: {
    proposal: {
      created: {
        label: "New proposal in my communities",
        sentence: "New proposal in {community}: “{title}”",
      },
      votingOpened: {
        label: "A vote opens",
        sentence: "Voting is open: “{title}” ({community})",
      },
      closingSoon: {
        label: "A vote closes soon and I have not voted",
        sentence: "Voting on “{title}” closes within 24 hours and you have not voted yet",
      },
      result: {
        label: "Result of a vote",
        ADOPTED: "Result of the vote on “{title}”: adopted",
        REJECTED: "Result of the vote on “{title}”: rejected",
        VOID: "Result of the vote on “{title}”: void (quorum not reached)",
        sentence: "Voting on “{title}” is closed",
      },
    },
    comment: {
      reply: { label: "Replies to my comments", sentence: "{author} replied to your comment on “{title}”" },
      mention: { label: "Mentions of my name (@name)", sentence: "{author} mentioned you on “{title}”" },
    },
    contribution: {
      reviewed: {
        label: "Reviews of my contributions",
        accepted: "Your contribution to “{title}” was accepted",
        rejected: "Your contribution to “{title}” was not accepted",
      },
    },
    membership: {
      requested: {
        label: "Requests to join (administrators)",
        sentence: "{requester} asks to join {title}",
      },
      decided: {
        label: "Answers to my requests to join",
        accepted: "Your request to join {title} was accepted",
        rejected: "Your request to join {title} was not accepted",
      },
    },
    invitation: {
      received: { label: "Invitations to join a community", sentence: "{inviter} invites you to join {title}" },
    },
    sanction: {
      received: {
        label: "Sanctions concerning me",
        WARNING: "You received a warning in {title}",
        SUSPENSION: "You are suspended in {title} until {until}",
        BAN: "You were banned from {title}",
      },
    },
    appeal: {
      decided: {
        label: "Decisions on my appeals",
        accepted: "Your appeal was accepted: the sanction in {title} is lifted",
        rejected: "Your appeal was rejected: the sanction in {title} stands",
      },
      received: {
        label: "Appeals to decide (moderators)",
        sentence: "An appeal is waiting for a decision in {title}",
      },
    },
    report: {
      decided: {
        label: "Outcome of my reports",
        accepted: "Your report in {title} led to a moderation action",
        rejected: "Your report in {title} was dismissed",
      },
      received: {
        label: "New reports (moderators)",
        sentence: "New reports are waiting for moderation in {title}",
      },
    },
    hiding: {
      contested: {
        label: "Contested hidings (moderators)",
        sentence: "The author of hidden content in {title} contests the decision",
      },
    },
    commons: {
      updated: { label: "Commons I follow", sentence: "The commons “{title}” changed status: {status}" },
    },
    capture: {
      alert: {
        label: "Capture alerts (administrators)",
        sentence: "Capture alert on “{title}”: a threshold set by the charter is crossed",
      },
    },
  },
  commonsStatus: {
    DRAFT: "draft",
    PROPOSED: "proposed",
    ADOPTED: "adopted",
    REJECTED: "rejected",
    ARCHIVED: "archived",
  },
  channels: {
    IN_APP: "In the app",
    EMAIL: "Email at once",
    DIGEST: "Daily digest",
    OFF: "Off",
  },
  header: {
    link: "Notifications",
    unread: "Notifications ({count} unread)",
  },
  list: {
    title: "My notifications",
    intro: "Your notifications appear here; they are marked as read when you open this page.",
    empty: "No notifications yet.",
    unread: "New",
    more: "Older notifications",
    preferences: "Choose how to be told",
    markAllRead: "Mark all as read",
  },
  preferences: {
    title: "Notification preferences",
    intro:
      "For each kind of notification, choose: in the app only, an email at once, the daily digest (one email a day, never empty) or nothing.",
    kind: "Kind of notification",
    save: "Save my preferences",
    saved: "Your preferences are saved.",
    defaultHint: "Default: {channel}",
    back: "See my notifications",
  },
  follow: {
    followCommons: "Follow this commons",
    unfollowCommons: "Unfollow this commons",
    followProposal: "Follow this proposal",
    unfollowProposal: "Unfollow this proposal",
    followingHint: "You are told about its changes according to your preferences.",
  },
  email: {
    greeting: "Hello,",
    open: "Open",
    reason: "Note: “{reason}”",
    footer: "You receive this email according to your notification preferences.",
    manage: "Manage my preferences: {url}",
    unsubscribeKind: "Stop emails of this kind: {url}",
    unsubscribeDigest: "Stop the daily digest: {url}",
    signature: "The Géocommuns team",
    digestSubject: "Your daily digest: {count, plural, one {# notification} other {# notifications}}",
    digestIntro: "Here is what happened since your last digest:",
    manageLabel: "Manage my preferences",
    unsubscribeLabel: "Unsubscribe",
  },
  unsubscribe: {
    title: "Unsubscribe",
    confirmKind: "Stop emails about “{kind}” to {email}?",
    confirmDigest: "Stop the daily digest to {email}?",
    keepInApp: "You will still see these notifications in the app.",
    button: "Confirm",
    done: "Done: you will no longer receive these emails. You can change your mind in your notification preferences.",
    invalid:
      "This unsubscribe link is not valid (it may have been altered or copied incompletely). Nothing was changed. You can manage your preferences after signing in.",
    manage: "Manage my preferences",
  },
  errors: {
    kind: "Unknown kind of notification.",
    channel: "Choose one of the options offered.",
    channelNotAllowed: "This option is not available for this kind of notification.",
    ids: "Give a list of notification ids, or “all”.",
  },
};
