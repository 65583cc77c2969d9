export { CommonsDashboardPage as default, generateMetadata } from "@/features/ledger/pages/commons-dashboard-page";
