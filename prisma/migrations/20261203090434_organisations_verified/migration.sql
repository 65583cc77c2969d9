-- Organisations whose membership is verified (issue 12, section 3).
-- Backfill: every existing link between a person and an organisation stays, as *declared*
-- ("organizationVerifiedAt" NULL): nothing stored so far proves one (the ProConnect `siret` claim was
-- never kept), so no link is verified and nobody administers an organisation until they verify again
-- (ProConnect sign-in, a confirmed address on a verified domain, or an administrator's approval).

-- CreateEnum
CREATE TYPE "OrganizationVerification" AS ENUM ('PROCONNECT', 'EMAIL_DOMAIN', 'ADMIN_APPROVAL');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "organizationAdmin" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "organizationVerifiedAt" TIMESTAMP(3),
ADD COLUMN     "organizationVerifiedBy" "OrganizationVerification";

-- CreateTable
CREATE TABLE "OrganizationDomain" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "addedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganizationDomain_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationDomain_domain_key" ON "OrganizationDomain"("domain");

-- CreateIndex
CREATE INDEX "OrganizationDomain_organizationId_idx" ON "OrganizationDomain"("organizationId");

-- AddForeignKey
ALTER TABLE "OrganizationDomain" ADD CONSTRAINT "OrganizationDomain_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationDomain" ADD CONSTRAINT "OrganizationDomain_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Only a verified member administers an organisation.
ALTER TABLE "User" ADD CONSTRAINT "User_organizationAdmin_verified_check"
  CHECK (NOT "organizationAdmin" OR "organizationVerifiedAt" IS NOT NULL);
