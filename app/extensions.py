"""Every Flask extension object lives here, unbound, so nothing imports an app."""

from flask_compress import Compress
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from app.models.base import Base
from app.security.clients import client_key

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=client_key, default_limits=[], headers_enabled=False)
compress = Compress()
