from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from marketplace.models import Member, Organization
from marketplace.services import member_create


class Command(BaseCommand):
    help = "Create a member (e-mail confirmed) in the company or the expert community."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--password", required=True)
        parser.add_argument(
            "--community", required=True, choices=Member.Community.values
        )
        parser.add_argument(
            "--name", default="", help="Display name (default: from the e-mail)."
        )
        parser.add_argument(
            "--organization",
            default="",
            help="Company members: the organization's name; joined if it exists, else created.",
        )
        parser.add_argument("--language", default="fr", choices=["fr", "en"])

    def handle(self, *args, **options):
        organization = None
        name = options["organization"].strip()
        if options["community"] == Member.Community.COMPANY:
            if not name:
                raise CommandError("--organization is required for a company member.")
            organization = Organization.objects.filter(name__iexact=name).first()
        try:
            member = member_create(
                email=options["email"],
                password=options["password"],
                display_name=options["name"],
                community=options["community"],
                organization=organization,
                organization_name=name,
                language=options["language"],
                email_verified=True,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Created {member.community} member {member.user.email}")
        )
