// French catalogue, namespace "notifications". Every key here must exist in en-notifications.ts (TypeScript checks it).
export const frNotifications = {
  title: "",
};
