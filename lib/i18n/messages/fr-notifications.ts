// French catalogue, namespace "notifications". Every key here must exist in en-notifications.ts (TypeScript checks it).
export const frNotifications = {
  title: "Notifications",
  /** In place of the name of a person whose account was erased (lib/admin/accounts.ts). */
  erasedPerson: "Une personne dont le compte a été effacé",
  kinds: {
    proposal: {
      created: {
        label: "Nouvelle proposition dans mes communautés",
        sentence: "Nouvelle proposition dans {community} : « {title} »",
      },
      votingOpened: {
        label: "Ouverture d'un vote",
        sentence: "Le vote est ouvert : « {title} » ({community})",
      },
      closingSoon: {
        label: "Vote bientôt clos, quand je n'ai pas encore voté",
        sentence: "Le vote sur « {title} » se clôt dans moins de 24 heures et vous n'avez pas encore voté",
      },
      result: {
        label: "Résultat d'un vote",
        ADOPTED: "Résultat du vote sur « {title} » : proposition adoptée",
        REJECTED: "Résultat du vote sur « {title} » : proposition rejetée",
        VOID: "Résultat du vote sur « {title} » : vote nul (quorum non atteint)",
        sentence: "Le vote sur « {title} » est clos",
      },
    },
    comment: {
      reply: { label: "Réponse à mes commentaires", sentence: "{author} a répondu à votre commentaire sur « {title} »" },
      mention: { label: "Mention de mon nom (@nom)", sentence: "{author} vous a mentionné·e sur « {title} »" },
    },
    contribution: {
      reviewed: {
        label: "Examen de mes contributions",
        accepted: "Votre contribution à « {title} » a été validée",
        rejected: "Votre contribution à « {title} » n'a pas été retenue",
      },
    },
    membership: {
      requested: {
        label: "Demandes d'adhésion (administrateurs)",
        sentence: "{requester} demande à rejoindre {title}",
      },
      decided: {
        label: "Réponse à mes demandes d'adhésion",
        accepted: "Votre demande d'adhésion à {title} a été acceptée",
        rejected: "Votre demande d'adhésion à {title} n'a pas été acceptée",
      },
    },
    invitation: {
      received: { label: "Invitations à rejoindre une communauté", sentence: "{inviter} vous invite à rejoindre {title}" },
    },
    sanction: {
      received: {
        label: "Sanctions me concernant",
        WARNING: "Vous avez reçu un avertissement dans {title}",
        SUSPENSION: "Vous êtes suspendu·e dans {title} jusqu'au {until}",
        BAN: "Vous avez été exclu·e de la communauté {title}",
      },
    },
    appeal: {
      decided: {
        label: "Décision sur mes recours",
        accepted: "Votre recours a été accepté : la sanction dans {title} est levée",
        rejected: "Votre recours a été rejeté : la sanction dans {title} est maintenue",
      },
      received: {
        label: "Recours à trancher (modérateurs)",
        sentence: "Un recours attend une décision dans {title}",
      },
    },
    report: {
      decided: {
        label: "Suite donnée à mes signalements",
        accepted: "Votre signalement dans {title} a conduit à une action de modération",
        rejected: "Votre signalement dans {title} a été classé sans suite",
      },
      received: {
        label: "Nouveaux signalements (modérateurs)",
        sentence: "De nouveaux signalements attendent la modération dans {title}",
      },
    },
    hiding: {
      contested: {
        label: "Contestations d'un masquage (modérateurs)",
        sentence: "L'auteur d'un contenu masqué dans {title} conteste la décision",
      },
    },
    commons: {
      updated: { label: "Communs que je suis", sentence: "Le commun « {title} » a changé de statut : {status}" },
    },
    capture: {
      alert: {
        label: "Alertes de capture (administrateurs)",
        sentence: "Alerte de capture sur « {title} » : un seuil fixé par la charte est franchi",
      },
    },
  },
  commonsStatus: {
    DRAFT: "brouillon",
    PROPOSED: "proposé",
    ADOPTED: "adopté",
    REJECTED: "rejeté",
    ARCHIVED: "archivé",
  },
  channels: {
    IN_APP: "Dans l'application",
    EMAIL: "Courriel immédiat",
    DIGEST: "Résumé quotidien",
    OFF: "Désactivé",
  },
  header: {
    link: "Notifications",
    unread: "Notifications ({count, plural, one {# non lue} other {# non lues}})",
  },
  list: {
    title: "Mes notifications",
    intro: "Les notifications s'affichent ici ; elles sont marquées comme lues quand vous ouvrez cette page.",
    empty: "Aucune notification pour le moment.",
    unread: "Nouveau",
    more: "Notifications plus anciennes",
    preferences: "Choisir comment être prévenu·e",
    markAllRead: "Tout marquer comme lu",
  },
  preferences: {
    title: "Préférences de notification",
    intro:
      "Pour chaque type de notification, choisissez : dans l'application seulement, un courriel immédiat, le résumé quotidien (un seul courriel par jour, jamais vide) ou rien.",
    kind: "Type de notification",
    save: "Enregistrer mes préférences",
    saved: "Vos préférences sont enregistrées.",
    defaultHint: "Par défaut : {channel}",
    back: "Voir mes notifications",
  },
  follow: {
    followCommons: "Suivre ce commun",
    unfollowCommons: "Ne plus suivre ce commun",
    followProposal: "Suivre cette proposition",
    unfollowProposal: "Ne plus suivre cette proposition",
    followingHint: "Vous êtes prévenu·e de ses changements selon vos préférences.",
  },
  email: {
    greeting: "Bonjour,",
    open: "Voir",
    reason: "Précision : « {reason} »",
    footer: "Vous recevez ce courriel selon vos préférences de notification.",
    manage: "Gérer mes préférences : {url}",
    unsubscribeKind: "Ne plus recevoir de courriel de ce type : {url}",
    unsubscribeDigest: "Ne plus recevoir le résumé quotidien : {url}",
    signature: "L'équipe Géocommuns",
    digestSubject: "Votre résumé quotidien : {count, plural, one {# notification} other {# notifications}}",
    digestIntro: "Voici ce qui s'est passé depuis votre dernier résumé :",
    manageLabel: "Gérer mes préférences",
    unsubscribeLabel: "Se désabonner",
  },
  unsubscribe: {
    title: "Se désabonner",
    confirmKind: "Ne plus recevoir de courriel pour « {kind} » à l'adresse {email} ?",
    confirmDigest: "Ne plus recevoir le résumé quotidien à l'adresse {email} ?",
    keepInApp: "Vous verrez toujours ces notifications dans l'application.",
    button: "Confirmer le désabonnement",
    done: "C'est fait : vous ne recevrez plus ces courriels. Vous pouvez changer d'avis dans vos préférences de notification.",
    invalid:
      "Ce lien de désabonnement n'est pas valide (il a peut-être été modifié ou copié incomplètement). Rien n'a été changé. Vous pouvez gérer vos préférences après connexion.",
    manage: "Gérer mes préférences",
  },
  errors: {
    kind: "Type de notification inconnu.",
    channel: "Choisissez un mode parmi ceux proposés.",
    channelNotAllowed: "Ce mode n'est pas disponible pour ce type de notification.",
    ids: "Donnez une liste d'identifiants de notifications, ou « all ».",
  },
};
