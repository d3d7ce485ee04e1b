"""The FastAPI + SQLModel service that todo-server replaces, rebuilt for comparison.

Same contract as ../../../shared/spec/API.md for the paths the benchmark drives:
JWT verified against the JWKS (PyJWT's PyJWKClient, cached keys), a user row made on
first access, owner-scoped task queries, X-Total-Count. Written the idiomatic way:
sync endpoints (FastAPI runs them in its thread pool), one Session per request.
"""

import os
from datetime import datetime, timezone
from typing import Optional

import jwt
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Response
from pydantic import BaseModel
from sqlalchemy import func, or_
from sqlmodel import Field, Session, SQLModel, create_engine, select

DATABASE_URL = os.environ["DATABASE_URL"]
JWKS_URL = os.environ["TODO_JWKS_URL"]
ISSUER = os.environ.get("TODO_JWT_ISSUER", "http://localhost:3000")
AUDIENCE = os.environ.get("TODO_JWT_AUDIENCE", "http://localhost:3000")

POOL_SIZE = int(os.environ.get("DB_POOL_SIZE", "10"))

engine = create_engine(DATABASE_URL, pool_size=POOL_SIZE, max_overflow=0, pool_pre_ping=True)
jwks = jwt.PyJWKClient(JWKS_URL, cache_keys=True, lifespan=300)


def now() -> datetime:
    return datetime.now(timezone.utc)


class User(SQLModel, table=True):
    __tablename__ = "users"
    id: str = Field(primary_key=True, max_length=255)
    email: Optional[str] = None
    name: Optional[str] = None
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)


class Task(SQLModel, table=True):
    __tablename__ = "tasks"
    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=255)
    title: str = Field(max_length=200)
    description: Optional[str] = Field(default=None, max_length=1000)
    completed: bool = False
    created_at: datetime = Field(default_factory=now, index=True)
    updated_at: datetime = Field(default_factory=now)


class TaskCreate(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    description: Optional[str] = Field(default=None, max_length=1000)
    completed: bool = False


class TaskUpdate(BaseModel):
    title: Optional[str] = Field(default=None, min_length=1, max_length=200)
    description: Optional[str] = Field(default=None, max_length=1000)
    completed: Optional[bool] = None


SQLModel.metadata.create_all(engine)
app = FastAPI(title="Todo API (FastAPI baseline)")


def get_session():
    with Session(engine) as session:
        yield session


def current_user(authorization: str = Header(default=""), session: Session = Depends(get_session)) -> str:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    try:
        key = jwks.get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token, key.key, algorithms=["EdDSA", "ES256", "RS256", "PS256"],
            audience=AUDIENCE, issuer=ISSUER, leeway=30,
            options={"require": ["exp", "iss", "aud", "sub"]},
        )
    except jwt.PyJWTError:
        raise HTTPException(401, "invalid token", headers={"WWW-Authenticate": "Bearer"})
    sub = claims["sub"]
    if session.get(User, sub) is None:
        session.add(User(id=sub, email=claims.get("email"), name=claims.get("name")))
        session.commit()
    return sub


def owned(user_id: str, sub: str) -> str:
    if user_id != sub:
        raise HTTPException(403, "you may only access your own tasks")
    return sub


def own_task(session: Session, sub: str, task_id: int) -> Task:
    task = session.exec(select(Task).where(Task.id == task_id, Task.user_id == sub)).first()
    if task is None:
        raise HTTPException(404, "not found")
    return task


@app.get("/api/{user_id}/tasks")
def list_tasks(
    user_id: str, response: Response,
    status: str = Query("all", pattern="^(all|pending|completed)$"),
    sort: str = Query("created", pattern="^(created|updated|title)$"),
    order: Optional[str] = Query(None, pattern="^(asc|desc)$"),
    q: Optional[str] = None,
    limit: int = Query(100, ge=1, le=200), offset: int = Query(0, ge=0),
    sub: str = Depends(current_user), session: Session = Depends(get_session),
):
    owned(user_id, sub)
    query = select(Task).where(Task.user_id == sub)
    if status != "all":
        query = query.where(Task.completed == (status == "completed"))
    if q:
        pattern = f"%{q}%"
        query = query.where(or_(Task.title.ilike(pattern), Task.description.ilike(pattern)))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    column = {"created": Task.created_at, "updated": Task.updated_at, "title": func.lower(Task.title)}[sort]
    descending = (order or ("asc" if sort == "title" else "desc")) == "desc"
    ordering = (column.desc(), Task.id.desc()) if descending else (column.asc(), Task.id.asc())
    tasks = session.exec(query.order_by(*ordering).offset(offset).limit(limit)).all()
    response.headers["X-Total-Count"] = str(total)
    return tasks


@app.post("/api/{user_id}/tasks", status_code=201)
def create_task(user_id: str, body: TaskCreate, response: Response,
                sub: str = Depends(current_user), session: Session = Depends(get_session)):
    owned(user_id, sub)
    task = Task(user_id=sub, title=body.title.strip(), description=body.description, completed=body.completed)
    session.add(task)
    session.commit()
    session.refresh(task)
    response.headers["Location"] = f"/api/{sub}/tasks/{task.id}"
    return task


@app.get("/api/{user_id}/tasks/{task_id}")
def get_task(user_id: str, task_id: int, sub: str = Depends(current_user), session: Session = Depends(get_session)):
    owned(user_id, sub)
    return own_task(session, sub, task_id)


@app.put("/api/{user_id}/tasks/{task_id}")
def update_task(user_id: str, task_id: int, body: TaskUpdate,
                sub: str = Depends(current_user), session: Session = Depends(get_session)):
    owned(user_id, sub)
    task = own_task(session, sub, task_id)
    for field, value in body.model_dump(exclude_unset=True).items():
        setattr(task, field, value)
    task.updated_at = now()
    session.add(task)
    session.commit()
    session.refresh(task)
    return task


@app.patch("/api/{user_id}/tasks/{task_id}/complete")
def toggle_task(user_id: str, task_id: int, sub: str = Depends(current_user), session: Session = Depends(get_session)):
    owned(user_id, sub)
    task = own_task(session, sub, task_id)
    task.completed = not task.completed
    task.updated_at = now()
    session.add(task)
    session.commit()
    session.refresh(task)
    return task


@app.delete("/api/{user_id}/tasks/{task_id}", status_code=204)
def delete_task(user_id: str, task_id: int, sub: str = Depends(current_user), session: Session = Depends(get_session)):
    owned(user_id, sub)
    session.delete(own_task(session, sub, task_id))
    session.commit()
    return Response(status_code=204)
