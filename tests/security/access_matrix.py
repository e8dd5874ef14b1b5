"""Who may read each route: route name → the roles that get in.

"Get in" means a GET answers 200 or sends them on (a redirect elsewhere than
the sign-in page); every other role must be kept out (401, 403, 404, 405 or
the sign-in page). For a route with an object in its URL, the object is the
one tests/security/matrix_objects.py picks (Claire's draft need, Camille's
mission with Claire's company, Élodie's draft motion, the dispute assigned to
the mediator...). The roles are those of tests/security/routes.py.

A new route needs its line here (the test fails without it).
"""

VISITOR = {"visitor"}
MEMBERS = {
    "member-without-membership",
    "company-owner",
    "company-colleague",
    "other-company",
    "expert",
    "other-expert",
    "pseudonymous-expert",
}
STAFF = {"moderator", "mediator", "treasurer", "admin"}
SIGNED_IN = MEMBERS | STAFF
EVERYONE = SIGNED_IN | VISITOR
COMPANIES = {"company-owner", "company-colleague", "other-company"}
EXPERTS = {"member-without-membership", "expert", "other-expert", "pseudonymous-expert"}
RIVIERE = {"company-owner", "company-colleague"}  # Claire's company
NOBODY: set = set()  # a route no GET reads (POST only, or an action)

# routes the matrix cannot put a demo object in: one-time keys from e-mails,
# Wagtail's password-protected pages; each with its reason
NOT_CHECKED = {
    "account_confirm_email": "a one-time key sent by e-mail",
    "account_reset_password_from_key": "a one-time key sent by e-mail",
    "marketplace:invitation_accept": "a one-time token sent by e-mail",
    "wagtailcore_authenticate_with_password": "no password-protected page in the demo",
    # files: none in the demo; tests/missions/test_access.py and
    # tests/messaging cover who downloads them, with factories
    "missions:file": "no delivery file in the demo",
    "missions:conversation_attachment": "no attachment in the demo",
    # a post's file: tests/spaces/test_pages.py downloads one
    "spaces:attachment": "no file posted in the demo's spaces",
}

MATRIX: dict[str, set] = {
    "account_change_password": SIGNED_IN,
    "account_confirm_login_code": SIGNED_IN,
    "account_confirm_reauthentication_code": SIGNED_IN,
    "account_email": SIGNED_IN,
    "account_email_verification_sent": EVERYONE,
    "account_inactive": EVERYONE,
    "account_login": EVERYONE,
    "account_logout": EVERYONE,
    "account_reauthenticate": SIGNED_IN,
    "account_request_reauthentication_code": SIGNED_IN,
    "account_reset_password": EVERYONE,
    "account_reset_password_done": EVERYONE,
    "account_reset_password_from_key_done": EVERYONE,
    "account_set_password": SIGNED_IN,
    "account_signup": EVERYONE,
    "admin": STAFF,  # Django"s admin: staff, each seeing the models of their role
    "api-amendment-accept": NOBODY,
    "api-amendment-reject": NOBODY,
    "api-docs": EVERYONE,
    "api-expert": MEMBERS,
    "api-experts": MEMBERS,
    "api-match-experts": NOBODY,
    "api-matching-weights": EVERYONE,
    "api-me": SIGNED_IN,
    "api-motion-amendments": {"pseudonymous-expert"},
    "api-motion-ballot": NOBODY,
    "api-motion-comments": {"pseudonymous-expert"},
    "api-motion-detail": {"pseudonymous-expert"},
    "api-motion-list": EVERYONE,
    "api-motion-open-vote": NOBODY,
    "api-motion-receipt": NOBODY,
    "api-motion-results": NOBODY,
    "api-motion-sponsor": NOBODY,
    "api-motion-submit": NOBODY,
    "api-motion-withdraw": NOBODY,
    "api-my-export": MEMBERS,
    "api-organization": COMPANIES,
    "api-organization-invitations": NOBODY,
    "api-profile": EXPERTS,
    "api-profile-experience": NOBODY,
    "api-profile-experiences": EXPERTS,
    "api-profile-hidden-from": EXPERTS,
    "api-profile-hidden-from-delete": NOBODY,
    "api-profile-publish": NOBODY,
    "api-profile-reveal-withdraw": NOBODY,
    "api-profile-reveals": NOBODY,
    "api-profile-skill": NOBODY,
    "api-profile-skills": NOBODY,
    "api-profile-unpublish": NOBODY,
    "api-redoc": EVERYONE,
    "api-rule-detail": EVERYONE,
    "api-rule-list": EVERYONE,
    "api-schema": EVERYONE,
    "api-skills": MEMBERS,
    "api-token": NOBODY,
    "billing-invoices": MEMBERS,
    "billing-membership": MEMBERS,
    "billing:checkout": NOBODY,
    "billing:checkout_done": MEMBERS,
    "billing:invoice_download": RIVIERE | {"admin", "treasurer"},
    "billing:overview": MEMBERS,
    "billing:portal": NOBODY,
    "billing:stripe_webhook": NOBODY,
    "billing:transfer_detail": RIVIERE,
    "billing:transfer_start": NOBODY,
    "billing:treasury": {"admin", "treasurer"},
    "billing:treasury_record": {"admin", "treasurer"},
    # Wagtail's admin: the site's editors; the demo makes the moderator and the
    # mediator "Report editors" (one writes a monthly report, the other approves it)
    "cms-admin": {"admin", "moderator", "mediator"},
    "conversation-list": SIGNED_IN,
    "conversation-messages": RIVIERE | {"expert"},
    "conversation-read": NOBODY,
    "dashboard": SIGNED_IN,
    "design_system": STAFF,
    "dispute-accept_proposal": NOBODY,
    "dispute-answer_statement": NOBODY,
    "dispute-decide": NOBODY,
    "dispute-detail": {"mediator"},
    "dispute-propose": NOBODY,
    "dispute-reject_proposal": NOBODY,
    "email_preferences": SIGNED_IN,
    "governance:amendment_decide": NOBODY,
    "governance:amendment_propose": NOBODY,
    "governance:motion": {"pseudonymous-expert"},
    "governance:motion_action": NOBODY,
    "governance:motion_ballots": NOBODY,
    "governance:motion_comment": NOBODY,
    "governance:motion_create": RIVIERE
    | {"other-expert", "other-company", "expert", "pseudonymous-expert"},
    "governance:motion_edit": {"pseudonymous-expert"},
    "governance:motion_results": NOBODY,
    "governance:motion_vote": {"pseudonymous-expert"},
    "governance:motions": EVERYONE,
    "governance:rule": EVERYONE,
    "governance:rules": EVERYONE,
    "healthz": EVERYONE,
    "invoice-confirm_payment": NOBODY,
    "javascript-catalog": EVERYONE,
    "marketplace:experience_action": NOBODY,
    "marketplace:experience_edit": {"expert"},
    "marketplace:experience_new": EXPERTS,
    "marketplace:how_matching_works": EVERYONE,
    "marketplace:match": MEMBERS,
    "marketplace:my_data": MEMBERS,
    "marketplace:organization": COMPANIES,
    "marketplace:organization_action": NOBODY,
    "marketplace:organization_logo": NOBODY,
    "marketplace:profile": MEMBERS,
    "marketplace:profile_appetences": NOBODY,
    "marketplace:profile_comment": NOBODY,
    "marketplace:profile_edit": EXPERTS,
    "marketplace:profile_photo": NOBODY,
    "marketplace:profile_photo_upload": NOBODY,
    "marketplace:profile_privacy": EXPERTS,
    "marketplace:profile_privacy_action": NOBODY,
    "marketplace:profile_publish": NOBODY,
    "marketplace:profile_skills": NOBODY,
    "marketplace:search": MEMBERS,
    "mission-accept_milestone": NOBODY,
    "mission-cancel": NOBODY,
    "mission-complete": NOBODY,
    "mission-confirm": NOBODY,
    "mission-declare_invoice": NOBODY,
    "mission-decline_award": NOBODY,
    "mission-deliver": NOBODY,
    "mission-detail": RIVIERE | {"expert", "mediator"},
    "mission-dispute": NOBODY,
    "mission-list": SIGNED_IN,
    "mission-request_cancellation": NOBODY,
    "mission-request_changes": NOBODY,
    "mission-resume": NOBODY,
    "mission-review": NOBODY,
    "mission-withdraw_award": NOBODY,
    "missions:conversation": RIVIERE | {"expert"},
    "missions:conversation_for_mission": RIVIERE | {"expert", "mediator"},
    "missions:conversation_for_proposal": RIVIERE | {"expert"},
    "missions:conversations": SIGNED_IN,
    "missions:dispute_action": NOBODY,
    "missions:invoice_action": NOBODY,
    "missions:message_delete": NOBODY,
    "missions:message_edit": {"expert"},
    "missions:mission": RIVIERE | {"expert", "mediator"},
    "missions:mission_action": NOBODY,
    "missions:missions": SIGNED_IN,
    "missions:need": RIVIERE,
    "missions:need_action": NOBODY,
    "missions:need_edit": RIVIERE,
    "missions:need_invite": NOBODY,
    "missions:need_new": COMPANIES,
    "missions:needs": MEMBERS,
    "missions:precedents": SIGNED_IN,
    "missions:proposal": RIVIERE | {"expert"},
    "missions:proposal_action": NOBODY,
    "missions:proposal_new": NOBODY,
    "missions:proposal_revise": {"expert"},
    "missions:proposals": EXPERTS,
    "need-cancel": NOBODY,
    "need-close": NOBODY,
    "need-detail": RIVIERE,
    "need-invite": NOBODY,
    "need-list": SIGNED_IN,
    "need-proposals": RIVIERE,
    "need-publish": NOBODY,
    "need-recommended": SIGNED_IN,
    "notifications_read": NOBODY,
    "proposal-accept": NOBODY,
    "proposal-decline": NOBODY,
    "proposal-detail": RIVIERE | {"expert"},
    "proposal-list": SIGNED_IN,
    "proposal-shortlist": NOBODY,
    "proposal-withdraw": NOBODY,
    "set_language": EVERYONE,
    "socket:ws/conversations/<uuid:conversation_id>/": RIVIERE | {"expert"},
    "wagtail_serve": EVERYONE,
    "wagtailcore_login": EVERYONE,
    # API tokens: the signed-in member's own (first characters only); a
    # revocation is a DELETE
    "api-tokens": SIGNED_IN,
    "api-token-revoke": NOBODY,
    # the same tokens on a page under settings; revoking is a POST
    "settings_tokens": SIGNED_IN,
    "settings_token_revoke": NOBODY,
    # staff without two-factor authentication land here; everyone else
    # (the demo's staff have an authenticator) is sent to the dashboard
    "two_factor_required": SIGNED_IN,
    # allauth.mfa's pages: a signed-in person's own second factor. Turning it
    # off and the recovery codes exist only with one: in the demo, the staff's
    # (the sign-in step sends a signed-in person on)
    "mfa_index": SIGNED_IN,
    "mfa_authenticate": SIGNED_IN,
    "mfa_reauthenticate": SIGNED_IN,
    "mfa_activate_totp": SIGNED_IN,
    "mfa_deactivate_totp": STAFF,
    "mfa_view_recovery_codes": STAFF,
    "mfa_generate_recovery_codes": SIGNED_IN,
    "mfa_download_recovery_codes": STAFF,
    # /metrics: by network, not by role (core/observability/metrics.py,
    # METRICS_ALLOWED_NETWORKS): the test client comes from 127.0.0.1, an
    # allowed address, so every role reads it here; tests/ops/test_observability.py checks an
    # outside address being refused
    "metrics": EVERYONE,
    # peer spaces (spaces/access.py): the object is the Industrie space Camille
    # moderates, its first thread and post, her membership, and Antoine's
    # circle she is invited to. Anyone else (companies, experts of other
    # professions, staff, visitors) gets 404, as for a space that does not exist
    "spaces:list": EXPERTS,
    "spaces:staff": {"admin"},  # names and sizes only, to suspend a space
    # proposing a space: a paid expert whose profile shows a profession without
    # one (Camille: Stratégie, Ingénierie; Yasmine: Ingénierie, Juridique);
    # Élodie's only profession has its space, Inès has no membership (403)
    "spaces:new": {"expert", "other-expert"},
    "spaces:staff_new": {"admin"},  # opens a space, appoints practitioners
    "spaces:space": {"expert"},
    "spaces:charter": {"expert"},
    "spaces:moderation": {"expert"},
    "spaces:thread": {"expert"},
    "spaces:circle": {"expert"},
    "spaces:join": NOBODY,
    "spaces:appeal": NOBODY,
    "spaces:confirmation_vote": NOBODY,
    "spaces:member_action": NOBODY,
    "spaces:follow": NOBODY,
    "spaces:post_action": NOBODY,
    "spaces:circle_create": NOBODY,
    "spaces:circle_action": NOBODY,
    "space-list": EXPERTS,
    "space-detail": {"expert"},
    "space-threads": {"expert"},
    "thread-posts": {"expert"},
    "socket:ws/spaces/threads/<uuid:thread_id>/": {"expert"},
    # any other socket path: accepted only to be closed (4404), for everyone
    "socket:": NOBODY,
    # transparency: open accounts, for everyone
    "transparency:dashboard": EVERYONE,
    "transparency:figure": EVERYONE,
    "transparency:obligations": EVERYONE,
    "transparency:reports": EVERYONE,
    "transparency:report": EVERYONE,
    "transparency:data_file": EVERYONE,
    "transparency:month_file": EVERYONE,
    # the one archive of monthly reports: redirects to the Wagtail index (cms.reports)
    "report_archive": EVERYONE,
    # the public site (cms): its pages for everyone; a member's public card
    # (Camille's, published) for everyone, "my card" for experts
    "cms:search": EVERYONE,
    "cms:sitemap": EVERYONE,
    "cms:robots": EVERYONE,
    "cms:card": EVERYONE,
    "cms:my_card": EXPERTS,
}
