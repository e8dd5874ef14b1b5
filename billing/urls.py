from django.urls import path

from . import views

app_name = "billing"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("checkout/", views.checkout, name="checkout"),
    path("checkout/done/", views.checkout_done, name="checkout_done"),
    path("portal/", views.portal, name="portal"),
    path("transfer/", views.transfer_start, name="transfer_start"),
    path("transfer/<uuid:pk>/", views.transfer_detail, name="transfer_detail"),
    path("invoices/<uuid:pk>/", views.invoice_download, name="invoice_download"),
    path("treasury/", views.treasury, name="treasury"),
    path(
        "treasury/transfers/<uuid:pk>/", views.treasury_record, name="treasury_record"
    ),
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
