export { MailboxPage as default, generateMetadata } from "@/features/site/pages/mailbox-page";
