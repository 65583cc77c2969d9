export { LedgerPage as default, generateMetadata } from "@/features/ledger/pages/ledger-page";
