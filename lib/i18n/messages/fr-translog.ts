// French catalogue, namespace "translog" (issue 17: the verifiable history). Every key here must exist in en-translog.ts.
export const frTranslog = {
  errors: {
    sizeBeyondTree: "Le journal ne compte que {size, plural, one {# entrée} other {# entrées}} : cette taille le dépasse.",
    indexNotBelowSize: "L'entrée doit être antérieure à la taille demandée.",
    firstAfterSecond: "La première taille doit être inférieure ou égale à la seconde.",
    rangeTooLong: "Au plus {max} entrées par requête.",
    noReceipt: "Aucun bulletin publié ne porte ce reçu.",
    notLogged: "Cette décision n'est pas (encore) inscrite au journal.",
  },
  page: {
    title: "Vérifier l'historique des décisions",
    lead: "Chaque décision, version de charte, ouverture et clôture de vote et sanction de cette plateforme est inscrite dans un journal public qu'on ne peut que compléter. N'importe qui peut vérifier, sans faire confiance à l'opérateur, que cet historique n'a été ni réécrit ni présenté différemment à différentes personnes.",
    howTitle: "Comment ça marche",
    howText:
      "Le journal est un arbre de Merkle, comme celui des certificats de sécurité du web (RFC 9162) : chaque événement y reçoit un numéro et une empreinte, et une seule empreinte, la racine, résume tout le journal. Régulièrement, et après chaque décision, la plateforme signe cette racine : c'est un point de contrôle. Si quelqu'un modifiait ou supprimait un événement passé, la racine changerait et ne correspondrait plus aux points de contrôle déjà signés et conservés par d'autres.",
    checkedTitle: "Ce que le vérificateur contrôle",
    checkedItems:
      "La signature du dernier point de contrôle, avec la clé publique de la plateforme (notée lors de la première vérification).\nChaque événement du journal : son empreinte, et la racine recalculée, qui doit être celle du point de contrôle.\nQue le journal n'a fait que grandir depuis la dernière vérification sur votre ordinateur (aucun retour en arrière, aucune version parallèle).\nPour une communauté : que chaque version de la charte est celle inscrite au journal, que chaque décision signée correspond à ses bulletins publiés, et le recomptage des votes à la majorité.\nPour un reçu de vote : que votre bulletin est dans l'urne inscrite au journal, et l'urne dans un point de contrôle signé.",
    runTitle: "Lancer la vérification",
    runText: "Avec Node.js 20 et une copie du code de Géocommuns (aucune base de données ni configuration n'est nécessaire) :",
    runReceipt: "Pour vérifier aussi votre reçu, ajoutez l'identifiant du vote et le reçu :",
    runWitness:
      "Pour exiger qu'un témoin indépendant (une autre instance, une organisation d'un collège) ait contresigné le point de contrôle, ajoutez sa clé publique :",
    runVerdict: "Le vérificateur affiche chaque contrôle puis un verdict, et se termine en erreur à la moindre incohérence.",
    limitsTitle: "Ce que cela ne garantit pas",
    limitsItems:
      "Le journal prouve que l'historique n'a pas été modifié après coup ; il ne prouve pas qu'un événement n'a jamais été omis au moment où il s'est produit.\nUne personne qui vérifie pour la première fois ne peut pas détecter une version parallèle qu'on lui montrerait : il faut comparer avec un point de contrôle gardé par quelqu'un d'autre (un témoin) ou lors d'une vérification précédente.\nLe journal ne contient que des empreintes salées et des identifiants opaques : il ne dit ni qui a voté, ni qui a été sanctionné. Le contenu des communautés réservées aux membres se vérifie avec un jeton d'accès.\nLe secret du vote repose sur la plateforme, qui connaît le lien entre un reçu et une personne.",
    stateTitle: "L'état actuel du journal",
    size: "{count, plural, one {# événement} other {# événements}} dans le dernier point de contrôle.",
    empty: "Aucun point de contrôle n'a encore été signé.",
    keyLabel: "Clé publique du journal (à comparer avec une copie obtenue autrement) :",
    checkpointLabel: "Dernier point de contrôle signé :",
    receiptProof: "La preuve que ce bulletin est dans l'urne inscrite au journal public (JSON, pour le vérificateur)",
    receiptLink: "Vérifier ce reçu sans faire confiance à la plateforme",
  },
  finality: {
    badgeFinal: "Définitive",
    badgePending: "En attente de témoins",
    how: "Comment le vérifier",
    noWitness: "Aucun (définitive dès la clôture)",
    witnesses: "{count, plural, one {# témoin} other {# témoins}}",
    final:
      "Décision définitive : inscrite au journal public{count, plural, =0 {} one {, contresignée par # témoin} other {, contresignée par # témoins}}.",
    pending:
      "En attente de témoins : {cosigned} sur {required, plural, one {# témoin requis} other {# témoins requis}} {cosigned, plural, one {a contresigné} other {ont contresigné}} le journal contenant cette décision.",
  },
};
