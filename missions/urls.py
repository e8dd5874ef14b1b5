app_name = "missions"
urlpatterns: list = []
